"""Admin: the overview's colour thresholds and the implementation plan's funding reference values are reference data
(粤民发〔2018〕170号 三; 一(五), 二(三)) kept by the installation; snapshots and meetings are only read here."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import FundingReference, Meeting, OverviewSnapshot, Threshold


@admin.register(Threshold)
class ThresholdAdmin(admin.ModelAdmin):
    list_display = ["area", "figure", "label", "amber", "red", "higher_is_worse"]
    list_filter = ["area"]


@admin.register(FundingReference)
class FundingReferenceAdmin(admin.ModelAdmin):
    list_display = ["key", "label", "value", "unit", "region_prefixes", "source"]


@admin.register(OverviewSnapshot)
class OverviewSnapshotAdmin(ReadOnlyAdmin):
    list_display = ["region_code", "period", "computed_at"]
    search_fields = ["region_code"]


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["region", "held_on"]
