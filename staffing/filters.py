"""FilterSets shared by the pages and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.widgets import RegionPicker

from .choices import ComplianceStatus, Employment, Post, RoundStatus, WorkerStatus
from .models import Caseload, ComplianceSnapshot, RecruitmentRound, Worker

LEVEL_CHOICES = [("county", _("县（市、区）")), ("township", _("乡镇（街道）")), ("village", _("村（社区）"))]


def _code_prefix(queryset, name, value):
    return queryset.filter(**{f"{name}__startswith": value.strip()}) if value else queryset


class WorkerFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(
        field_name="region__code", method=_code_prefix, label=_("区域（含下级）"), widget=RegionPicker()
    )
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("姓名"))
    post = django_filters.ChoiceFilter(choices=Post.choices, label=_("岗位"))
    employment = django_filters.ChoiceFilter(choices=Employment.choices, label=_("用工方式"))
    status = django_filters.ChoiceFilter(choices=WorkerStatus.choices, label=_("状态"))

    class Meta:
        model = Worker
        fields = ["region", "name", "post", "employment", "status"]


class CaseloadFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(
        field_name="region__code", method=_code_prefix, label=_("区域（含下级）"), widget=RegionPicker()
    )
    period = django_filters.CharFilter(label=_("月份"))
    q = django_filters.CharFilter(method="search", label=_("搜索"))

    class Meta:
        model = Caseload
        fields = ["region", "period", "q"]

    def search(self, queryset, name, value):
        """A region's name or the start of its code."""
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(region__name__icontains=value) | Q(region__code__startswith=value))


class RoundFilterSet(django_filters.FilterSet):
    """The recruitment rounds list: by county, status, and a keyword in the title or the dispatching agency."""

    region = django_filters.CharFilter(
        field_name="region__code", method=_code_prefix, label=_("县（市、区）"), widget=RegionPicker()
    )
    status = django_filters.ChoiceFilter(choices=RoundStatus.choices, label=_("状态"))
    q = django_filters.CharFilter(method="search", label=_("搜索"))

    class Meta:
        model = RecruitmentRound
        fields = ["region", "status", "q"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(dispatching_org_name__icontains=value))


class ComplianceFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(
        field_name="region_code", method=_code_prefix, label=_("区域（含下级）"), widget=RegionPicker()
    )
    period = django_filters.CharFilter(label=_("月份"))
    level = django_filters.ChoiceFilter(choices=LEVEL_CHOICES, label=_("层级"))
    status = django_filters.ChoiceFilter(choices=ComplianceStatus.choices, label=_("状态"))

    class Meta:
        model = ComplianceSnapshot
        fields = ["region", "period", "level", "status"]
