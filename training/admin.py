"""Admin: support views only; plans, sessions and attendance are written through the pages (history, recompute)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import TrainingPlan, TrainingSession


@admin.register(TrainingPlan)
class TrainingPlanAdmin(ReadOnlyAdmin):
    list_display = ["region", "year", "status"]
    list_filter = ["status", "year"]


@admin.register(TrainingSession)
class TrainingSessionAdmin(ReadOnlyAdmin):
    list_display = ["plan", "region", "status"]
    list_filter = ["status"]
