"""The users list's filters, shared by the page and the API: region (code and below), role, active, last login."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.choices import Role
from regions.widgets import RegionPicker

LAST_LOGIN_CHOICES = [
    ("never", _("从未登录")),
    ("30", _("30天内未登录")),
    ("90", _("90天内未登录")),
    ("recent", _("30天内登录过")),
]


class UserFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(
        label=_("区域（含下级）"), method="filter_region", max_length=12, widget=RegionPicker()
    )
    role = django_filters.ChoiceFilter(label=_("角色"), choices=Role.choices, method="filter_role")
    active = django_filters.ChoiceFilter(
        label=_("状态"), choices=[("true", _("启用")), ("false", _("停用"))], method="filter_active"
    )
    last_login = django_filters.ChoiceFilter(
        label=_("最近登录"), choices=LAST_LOGIN_CHOICES, method="filter_login"
    )
    q = django_filters.CharFilter(label=_("用户名或姓名"), method="filter_text", max_length=50)

    class Meta:
        model = get_user_model()
        fields: list[str] = []

    def filter_region(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return qs.filter(
            Q(account__region__code__startswith=value)
            | Q(regionuserobjectpermission__content_object__code__startswith=value)
        ).distinct()

    def filter_active(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return qs.filter(is_active=value == "true")

    def filter_role(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return qs.filter(regionuserobjectpermission__permission__codename=f"role_{value}").distinct()

    def filter_login(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        if value == "never":
            return qs.filter(last_login__isnull=True)
        if value == "recent":
            return qs.filter(last_login__gte=timezone.now() - dt.timedelta(days=30))
        cutoff = timezone.now() - dt.timedelta(days=int(value))
        return qs.filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True))

    def filter_text(self, qs: QuerySet[Any], name: str, value: str) -> QuerySet[Any]:
        return qs.filter(Q(username__icontains=value) | Q(first_name__icontains=value))
