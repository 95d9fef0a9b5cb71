"""One FilterSet per list, shared by the pages and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.filters import BoundedNumberFilter
from regions.widgets import RegionPicker

from .choices import ContractorKind, ContractStatus, Method, ProjectStatus, SanctionKind
from .models import Contract, Contractor, Project, Sanction


@extend_schema_field(OpenApiTypes.STR)
class CodeChoiceFilter(django_filters.ChoiceFilter):
    """A choice filter typed as a plain string in the API schema (field names like `method` and `status` are
    used by other apps for other choice sets)."""


class ProjectFilterSet(django_filters.FilterSet):
    status = CodeChoiceFilter(choices=ProjectStatus.choices, label=_("阶段"))
    method = CodeChoiceFilter(choices=Method.choices, label=_("采购方式"))
    year = BoundedNumberFilter(label=_("年度"))
    region = django_filters.CharFilter(
        field_name="purchaser__code",
        lookup_expr="startswith",
        label=_("区域（含下级）"),
        widget=RegionPicker(),
    )
    q = django_filters.CharFilter(method="search", label=_("项目名称或编号"))

    class Meta:
        model = Project
        fields = ["status", "method", "year", "region", "q"]

    def search(self, queryset, name, value):
        """Part of the title, the provincial procurement platform's project number, or our project number."""
        value = value.strip()
        match = Q(title__icontains=value) | Q(platform_number__icontains=value)
        if value.isdigit() and len(value) < 19:
            match |= Q(pk=int(value))
        return queryset.filter(match)


class ContractFilterSet(django_filters.FilterSet):
    status = CodeChoiceFilter(choices=ContractStatus.choices, label=_("状态"))
    contractor = BoundedNumberFilter(field_name="contractor_id", label=_("承接主体"))
    project = BoundedNumberFilter(field_name="project_id", label=_("项目"))
    region = django_filters.CharFilter(
        field_name="project__purchaser__code",
        lookup_expr="startswith",
        label=_("区域（含下级）"),
        widget=RegionPicker(),
    )
    year = BoundedNumberFilter(field_name="project__year", label=_("年度"))

    class Meta:
        model = Contract
        fields = ["status", "contractor", "project", "region", "year"]


class ContractorFilterSet(django_filters.FilterSet):
    kind = CodeChoiceFilter(choices=ContractorKind.choices, label=_("主体类型"))
    q = django_filters.CharFilter(method="search", label=_("名称或信用代码"))

    class Meta:
        model = Contractor
        fields = ["kind", "q"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(credit_code__startswith=value.upper()))


class SanctionFilterSet(django_filters.FilterSet):
    kind = CodeChoiceFilter(choices=SanctionKind.choices, label=_("违规类型"))
    contractor = BoundedNumberFilter(field_name="contractor_id", label=_("承接主体"))
    q = django_filters.CharFilter(method="search", label=_("承接主体名称或信用代码"))

    class Meta:
        model = Sanction
        fields = ["kind", "contractor", "q"]

    def search(self, queryset, name, value):
        """Part of the contractor's name or the start of its credit code."""
        value = value.strip()
        return queryset.filter(
            Q(contractor__name__icontains=value) | Q(contractor__credit_code__startswith=value.upper())
        )
