"""Filters of the audit page and API: who, what, region, date range."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from .audit_models import AuditRecord
from .choices import AuditAction


class AuditRecordFilterSet(django_filters.FilterSet):
    username = django_filters.CharFilter(field_name="username", lookup_expr="icontains", label=_("账号"))
    action = django_filters.ChoiceFilter(choices=AuditAction.choices, label=_("事件"))
    region = django_filters.CharFilter(method="in_region", label=_("区划代码"))
    date_from = django_filters.DateFilter(method="on_or_after", label=_("起始日期"))
    date_to = django_filters.DateFilter(method="on_or_before", label=_("截止日期"))

    class Meta:
        model = AuditRecord
        fields = ["username", "action", "region", "date_from", "date_to"]

    def in_region(self, queryset: QuerySet[AuditRecord], name: str, value: str) -> QuerySet[AuditRecord]:
        return queryset.filter(region_code__startswith=value.strip())

    def on_or_after(
        self, queryset: QuerySet[AuditRecord], name: str, value: dt.date
    ) -> QuerySet[AuditRecord]:
        return queryset.filter(at__date__gte=value)

    def on_or_before(
        self, queryset: QuerySet[AuditRecord], name: str, value: dt.date
    ) -> QuerySet[AuditRecord]:
        return queryset.filter(at__date__lte=value)
