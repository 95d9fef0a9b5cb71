from django.contrib import admin

from .models import (
    Appointment,
    AppointmentSlot,
    Case,
    CaseEvent,
    DeadlineRule,
    Holiday,
    RoutingRule,
    ServiceWindow,
)


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "department", "collaborative"]
    list_editable = ["department", "collaborative"]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "step", "working_days", "source"]
    list_editable = ["working_days"]
    list_filter = ["step"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "is_working_day"]
    date_hierarchy = "date"


@admin.register(ServiceWindow)
class ServiceWindowAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "active"]
    search_fields = ["name", "region__code"]
    raw_id_fields = ["region", "duty_officer"]
    filter_horizontal = ["staff"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    """Support view only: personal fields are not shown; steps go through the pages and the API."""

    list_display = ["number", "category", "status", "region_code", "due_date"]
    search_fields = ["number"]
    list_filter = ["status", "category"]
    fields = [
        "number",
        "category",
        "channel",
        "status",
        "department",
        "region_code",
        "due_date",
        "received_at",
    ]
    readonly_fields = list(fields)  # type: ignore[arg-type]  # every entry is a field name

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CaseEvent)
class CaseEventAdmin(admin.ModelAdmin):
    list_display = ["case", "action", "from_status", "to_status", "actor", "at"]
    readonly_fields = [f.name for f in CaseEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AppointmentSlot)
class AppointmentSlotAdmin(admin.ModelAdmin):
    list_display = ["window", "starts_at", "capacity", "booked"]
    raw_id_fields = ["window"]


@admin.register(Appointment)
class AppointmentAdmin(admin.ModelAdmin):
    list_display = ["slot", "category", "status"]
    fields = ["slot", "category", "status", "note"]
    readonly_fields = ["slot", "category", "status", "note"]

    def has_add_permission(self, request):
        return False
