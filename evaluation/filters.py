"""One FilterSet per list, shared by the page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy

from core.filters import BoundedNumberFilter
from regions.widgets import RegionPicker

from .choices import EvaluationStatus, Grade, RectificationStatus
from .models import Evaluation


class EvaluationFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(
        method="in_region", label=gettext_lazy("区域（含下级）"), widget=RegionPicker()
    )
    status = django_filters.ChoiceFilter(choices=EvaluationStatus.choices, label=gettext_lazy("状态"))
    grade = django_filters.ChoiceFilter(choices=Grade.choices, label=gettext_lazy("等级"))
    contractor = BoundedNumberFilter(field_name="contract__contractor_id", label=gettext_lazy("承接主体"))
    due_before = django_filters.DateFilter(
        field_name="due_date", lookup_expr="lte", label=gettext_lazy("应完成日期不晚于")
    )
    q = django_filters.CharFilter(method="search", label=gettext_lazy("项目、承接主体或合同编号"))
    rectification = django_filters.ChoiceFilter(
        field_name="rectification__status", choices=RectificationStatus.choices, label=gettext_lazy("整改")
    )

    class Meta:
        model = Evaluation
        fields = ["region", "status", "grade", "contractor", "due_before", "q", "rectification"]

    def in_region(self, queryset, name, value):
        return queryset.filter(region__code__startswith=value.strip())

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(contract__project__title__contains=value)
            | Q(contract__contractor__name__contains=value)
            | Q(contract__number__contains=value)
        )
