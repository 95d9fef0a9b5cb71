"""One FilterSet for the instruction list, shared by the page and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy

from core.filters import BoundedNumberFilter

from .choices import InstructionStatus
from .models import Instruction


class InstructionFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=InstructionStatus.choices, label=gettext_lazy("状态"))
    region = django_filters.CharFilter(method="in_region", label=gettext_lazy("对象区划（含下级）"))
    target_kind = django_filters.CharFilter(
        method="of_kind", label=gettext_lazy("对象类型（app_label.model）")
    )
    target_id = BoundedNumberFilter(field_name="object_id", label=gettext_lazy("对象编号"))

    class Meta:
        model = Instruction
        fields = ["status", "region", "target_kind", "target_id"]

    def in_region(self, queryset, name, value):
        return queryset.filter(region_code__startswith=value.strip())

    def of_kind(self, queryset, name, value):
        app_label, _, model = value.partition(".")
        return queryset.filter(content_type__app_label=app_label, content_type__model=model)
