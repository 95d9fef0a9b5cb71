"""One FilterSet per list, shared by the pages and the API."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import BoundedNumberFilter
from regions.widgets import RegionPicker

from .choices import AppointmentStatus, CaseCategory, CaseChannel, CaseStatus, FollowUpStatus
from .home_selectors import DUE_SOON_DAYS, mine_q
from .models import (
    Appointment,
    AppointmentSlot,
    Case,
    RatingFollowUp,
    ServiceWindow,
    ever_overdue_q,
    overdue_q,
    region_prefix_q,
)
from .rules import OPEN_STATUSES


class CaseFilterSet(django_filters.FilterSet):
    # distinct=False: status is a column of the case, no join can repeat a row, and SELECT DISTINCT would make
    # PostgreSQL read and sort every matching case instead of a page in index order
    status = django_filters.MultipleChoiceFilter(choices=CaseStatus.choices, label=_("状态"), distinct=False)
    category = django_filters.ChoiceFilter(choices=CaseCategory.choices, label=_("事项类别"))
    channel = django_filters.ChoiceFilter(choices=CaseChannel.choices, label=_("渠道"))
    region = django_filters.CharFilter(method="in_region", label=_("办理地（含下级）"), widget=RegionPicker())
    overdue = django_filters.BooleanFilter(method="filter_overdue", label=_("超期"))
    ever_overdue = django_filters.BooleanFilter(method="filter_ever_overdue", label=_("曾超期"))
    deadline_provisional = django_filters.BooleanFilter(label=_("期限待定"))
    open = django_filters.BooleanFilter(method="filter_open", label=_("未办结"))
    cross_region = django_filters.BooleanFilter(label=_("异地申请"))
    q = django_filters.CharFilter(method="search", label=_("编号、申请人或电话后四位"))
    mine = django_filters.BooleanFilter(method="filter_mine", label=_("我首问或在我处办理"))
    due_soon = django_filters.BooleanFilter(method="filter_due_soon", label=_("本周到期"))

    class Meta:
        model = Case
        fields = [
            "status",
            "category",
            "channel",
            "region",
            "overdue",
            "ever_overdue",
            "deadline_provisional",
            "open",
            "cross_region",
            "q",
            "mine",
            "due_soon",
        ]

    def in_region(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(region_prefix_q(value)) if value.isdigit() else queryset.none()

    def filter_overdue(self, queryset, name, value):
        overdue = overdue_q(timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)

    def filter_ever_overdue(self, queryset, name, value):
        ever = ever_overdue_q(timezone.localdate())
        return queryset.filter(ever) if value else queryset.exclude(ever)

    def filter_mine(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        if not value or user is None:
            return queryset
        return queryset.filter(mine_q(user))

    def filter_due_soon(self, queryset, name, value):
        today = timezone.localdate()
        soon = Q(due_date__gte=today, due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS))
        soon &= ~overdue_q(today) & Q(status__in=OPEN_STATUSES)
        return queryset.filter(soon) if value else queryset.exclude(soon)

    def filter_open(self, queryset, name, value):
        return (
            queryset.filter(status__in=OPEN_STATUSES) if value else queryset.exclude(status__in=OPEN_STATUSES)
        )

    def search(self, queryset, name, value):
        """A keyword: part of the case number, part of the applicant's name, or the phone's last four digits (the
        digits a masked phone shows; the full number is encrypted and never searched)."""
        value = value.strip()
        if not value:
            return queryset
        match = Q(number__contains=value) | Q(applicant_name__contains=value)
        if value.isdigit() and len(value) == 4:
            match |= Q(phone_last4=value)
        return queryset.filter(match)


class ServiceWindowFilterSet(django_filters.FilterSet):
    region = django_filters.CharFilter(
        field_name="region__code", lookup_expr="startswith", label=_("区域（含下级）"), widget=RegionPicker()
    )
    active = django_filters.BooleanFilter(label=_("启用"))
    q = django_filters.CharFilter(method="search", label=_("窗口名称或地址"))

    class Meta:
        model = ServiceWindow
        fields = ["region", "active", "q"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(name__icontains=value) | Q(address__icontains=value)) if value else queryset


class FollowUpFilterSet(django_filters.FilterSet):
    """The bad ratings' follow-ups: by status and by the case number (or its end)."""

    status = django_filters.ChoiceFilter(choices=FollowUpStatus.choices, label=_("状态"))
    q = django_filters.CharFilter(method="search", label=_("事项编号"))

    class Meta:
        model = RatingFollowUp
        fields = ["status", "q"]

    def search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(rating__case__number__icontains=value) if value else queryset


class AppointmentSlotFilterSet(django_filters.FilterSet):
    window = BoundedNumberFilter(field_name="window_id", label=_("窗口"))
    date_from = django_filters.DateFilter(
        field_name="starts_at__date", lookup_expr="gte", label=_("起始日期")
    )
    date_to = django_filters.DateFilter(field_name="starts_at__date", lookup_expr="lte", label=_("截止日期"))
    available = django_filters.BooleanFilter(method="filter_available", label=_("尚可预约"))

    class Meta:
        model = AppointmentSlot
        fields = ["window", "date_from", "date_to", "available"]

    def filter_available(self, queryset, name, value):
        free = Q(booked__lt=F("capacity"), starts_at__gt=timezone.now())
        return queryset.filter(free) if value else queryset.exclude(free)


class AppointmentFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=AppointmentStatus.choices, label=_("状态"))
    window = BoundedNumberFilter(field_name="slot__window_id", label=_("窗口"))
    date = django_filters.DateFilter(field_name="slot__starts_at__date", label=_("日期"))

    class Meta:
        model = Appointment
        fields = ["status", "window", "date"]
