"""One FilterSet per list, shared by the page and the API."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import BoundedNumberFilter
from regions.widgets import RegionPicker

from .choices import Department, IssueArea, IssueStatus
from .models import CountyFunding, Issue, Meeting


class IssueFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=IssueStatus.choices, label=_("状态"))
    area = django_filters.ChoiceFilter(choices=IssueArea.choices, label=_("领域"))
    owner_department = django_filters.ChoiceFilter(choices=Department.choices, label=_("责任部门"))
    q = django_filters.CharFilter(method="search", label=_("问题描述或区域"))

    class Meta:
        model = Issue
        fields = ["status", "area", "owner_department", "q"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(description__icontains=value) | Q(region__name__icontains=value))


class MeetingFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(
        field_name="region__code", lookup_expr="startswith", label=_("区域（含下级）"), widget=RegionPicker()
    )
    q = django_filters.CharFilter(method="search", label=_("会议名称或决定"))

    class Meta:
        model = Meeting
        fields = ["region", "q"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(title__icontains=value) | Q(decisions__icontains=value))


class FundingFilterSet(django_filters.FilterSet):
    year = BoundedNumberFilter(label=_("年度"))
    region = django_filters.CharFilter(
        field_name="region__code", lookup_expr="startswith", label=_("区域（含下级）"), widget=RegionPicker()
    )
    q = django_filters.CharFilter(
        field_name="region__name", lookup_expr="icontains", label=_("县（市、区）名称")
    )

    class Meta:
        model = CountyFunding
        fields = ["year", "region", "q"]
