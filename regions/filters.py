from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from .choices import RegionLevel
from .models import Region


class RegionFilterSet(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=RegionLevel.choices)
    parent = django_filters.CharFilter(field_name="parent__code", label="上级区划代码")
    q = django_filters.CharFilter(method="search", label="名称或代码")

    class Meta:
        model = Region
        fields = ["level", "parent", "q"]

    def search(self, queryset: QuerySet[Region], name: str, value: str) -> QuerySet[Region]:
        value = value.strip()
        return (
            queryset.filter(code__startswith=value)
            if value.isdigit()
            else queryset.filter(name__contains=value)
        )
