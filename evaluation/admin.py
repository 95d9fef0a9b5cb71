"""Admin: support views only; templates, evaluations, surveys and rectifications are written through the pages."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Evaluation, EvaluationTemplate, Rectification, Survey


@admin.register(EvaluationTemplate)
class EvaluationTemplateAdmin(ReadOnlyAdmin):
    list_display = ["name", "region"]
    search_fields = ["name"]


@admin.register(Evaluation)
class EvaluationAdmin(ReadOnlyAdmin):
    list_display = ["contract", "region", "status"]
    list_filter = ["status"]


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = ["evaluation", "status"]
    list_filter = ["status"]


@admin.register(Rectification)
class RectificationAdmin(ReadOnlyAdmin):
    list_display = ["evaluation", "status"]
    list_filter = ["status"]
