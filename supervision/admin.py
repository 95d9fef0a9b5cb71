"""Admin: support view only; instructions and their answers are written through the pages (events, notices)."""

from django.contrib import admin

from core.admin import ReadOnlyAdmin

from .models import Instruction


@admin.register(Instruction)
class InstructionAdmin(ReadOnlyAdmin):
    list_display = ["kind", "content_type", "object_id", "status"]
    list_filter = ["kind", "status"]
