"""Admin for reference data (catalogue, thresholds, local conditions) and support; the pages are the main UI."""

from __future__ import annotations

from django.contrib import admin

from .models import CatalogueItem, Contractor, LocalCondition, Sanction, ThresholdSet


@admin.register(CatalogueItem)
class CatalogueItemAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "work_kind", "assistance", "government_only", "region", "active"]
    list_filter = ["work_kind", "assistance", "government_only", "active"]
    search_fields = ["code", "name"]
    raw_id_fields = ["region"]


@admin.register(ThresholdSet)
class ThresholdSetAdmin(admin.ModelAdmin):
    list_display = [
        "year",
        "region",
        "procurement_limit",
        "open_tender_threshold",
        "price_weight_min",
        "price_weight_max",
        "single_source_addition_pct",
    ]
    raw_id_fields = ["region"]


@admin.register(LocalCondition)
class LocalConditionAdmin(admin.ModelAdmin):
    list_display = ["region", "work_kind", "published_on"]
    raw_id_fields = ["region"]


@admin.register(Contractor)
class ContractorAdmin(admin.ModelAdmin):
    list_display = ["name", "credit_code", "kind", "region"]
    search_fields = ["name", "credit_code"]
    raw_id_fields = ["region"]
    readonly_fields = ["credit_code", "kind"]


@admin.register(Sanction)
class SanctionAdmin(admin.ModelAdmin):
    list_display = ["contractor", "kind", "region", "decided_on", "debar_from", "debar_to"]
    list_filter = ["kind"]
    raw_id_fields = ["contractor", "region", "contract", "decided_by"]

    def has_change_permission(self, request, obj=None) -> bool:
        # decisions are recorded through the service (checks, audit); the admin only reads them
        return False
