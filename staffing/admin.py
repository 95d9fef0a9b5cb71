"""Admin: the rule table (reference data: a new rule set with a later effective date), and support views."""

from __future__ import annotations

from django.contrib import admin

from .models import (
    Caseload,
    CaseloadImport,
    ComplianceRun,
    RecruitmentRound,
    StaffingRule,
    StaffingRuleSet,
    Worker,
)


class StaffingRuleInline(admin.TabularInline):
    model = StaffingRule
    extra = 0


@admin.register(StaffingRuleSet)
class StaffingRuleSetAdmin(admin.ModelAdmin):
    """粤民发〔2018〕170号 二(二): add a rule set with a later effective date; periods from then on use it."""

    list_display = ["name", "source_document", "effective_from", "effective_to", "count_temporary"]
    inlines = [StaffingRuleInline]


@admin.register(Worker)
class WorkerAdmin(admin.ModelAdmin):
    """Support only: workers are registered and moved through the staffing pages (history is kept there)."""

    list_display = ["name", "region", "post", "employment", "status"]
    list_filter = ["post", "employment", "status"]
    search_fields = ["name", "region__code"]
    raw_id_fields = ["region"]
    exclude = ["id_number", "phone"]
    readonly_fields = ["region", "post", "status"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(Caseload)
class CaseloadAdmin(admin.ModelAdmin):
    list_display = ["region", "period", "dibao_households", "tekun_households", "temporary_households"]
    list_filter = ["period"]
    search_fields = ["region__code"]
    raw_id_fields = ["region"]


@admin.register(ComplianceRun)
class ComplianceRunAdmin(admin.ModelAdmin):
    list_display = ["period", "state", "requested_at", "started_at", "finished_at", "rows"]
    readonly_fields = ["period", "state", "requested_at", "started_at", "finished_at", "rows", "error"]


@admin.register(CaseloadImport)
class CaseloadImportAdmin(admin.ModelAdmin):
    list_display = ["filename", "uploaded_by", "state", "total_rows", "created_at"]
    readonly_fields = ["errors", "preview", "result"]


admin.site.register(RecruitmentRound)
