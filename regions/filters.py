from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _

from .choices import RegionLevel
from .models import Notification, Region


class RegionFilterSet(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(choices=RegionLevel.choices)
    parent = django_filters.CharFilter(field_name="parent__code", label=gettext_lazy("上级区划代码"))
    q = django_filters.CharFilter(method="search", label=gettext_lazy("名称或代码"))

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


#: the areas a notification comes from, by the start of its kind (the senders' own words: case_overdue …)
NOTIFICATION_AREAS = (
    ("case", _("求助事项")),
    ("follow_up", _("差评跟进")),
    ("rating", _("好差评")),
    ("evaluation", _("绩效评价")),
    ("procurement", _("政府购买服务")),
    ("supervision", _("上级督导")),
    ("oversight", _("统筹督导")),
    ("staffing", _("人员配备")),
    ("training", _("业务培训")),
    ("holiday", _("节假日表")),
)


class NotificationFilterSet(django_filters.FilterSet):
    """The notification page's filters (issue 14): read or not, the area it comes from, a keyword."""

    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull", label=_("未读"))
    area = django_filters.ChoiceFilter(
        field_name="kind", lookup_expr="startswith", choices=NOTIFICATION_AREAS, label=_("类别")
    )
    q = django_filters.CharFilter(method="search", label=_("关键词"))

    class Meta:
        model = Notification
        fields = ["unread", "area", "q"]

    def search(self, queryset: Any, name: str, value: str) -> Any:
        value = value.strip()
        return queryset.filter(Q(title__contains=value) | Q(body__contains=value)) if value else queryset
