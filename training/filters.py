"""FilterSets shared by the pages and the API."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy

from core.filters import BoundedNumberFilter
from regions.widgets import RegionPicker

from .choices import PreJobStatus, RotationStatus, SessionStatus, TrainingType
from .models import Attendance, TrainingPlan, TrainingSession, WorkerCompliance


class TrainingPlanFilterSet(django_filters.FilterSet):
    year = BoundedNumberFilter(label=gettext_lazy("年度"))
    region = django_filters.CharFilter(
        field_name="region__code",
        lookup_expr="startswith",
        label=gettext_lazy("区域（含下级）"),
        widget=RegionPicker(),
    )
    level = django_filters.CharFilter(field_name="region__level", label=gettext_lazy("组织层级"))

    class Meta:
        model = TrainingPlan
        fields = ["year", "region", "level"]


class TrainingSessionFilterSet(django_filters.FilterSet):
    year = BoundedNumberFilter(field_name="plan__year", label=gettext_lazy("年度"))
    region = django_filters.CharFilter(
        field_name="region__code",
        lookup_expr="startswith",
        label=gettext_lazy("区域（含下级）"),
        widget=RegionPicker(),
    )
    status = django_filters.ChoiceFilter(choices=SessionStatus.choices, label=gettext_lazy("状态"))
    training_type = django_filters.ChoiceFilter(choices=TrainingType.choices, label=gettext_lazy("培训类别"))
    plan = BoundedNumberFilter(field_name="plan_id", label=gettext_lazy("年度计划"))
    starts_after = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label=gettext_lazy("开始日期起")
    )
    starts_before = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", label=gettext_lazy("开始日期止")
    )

    class Meta:
        model = TrainingSession
        fields = ["year", "region", "status", "training_type", "plan", "starts_after", "starts_before"]


class AttendanceFilterSet(django_filters.FilterSet):
    session = BoundedNumberFilter(field_name="session_id", label=gettext_lazy("培训班"))
    worker = BoundedNumberFilter(field_name="worker_id", label=gettext_lazy("人员"))
    year = BoundedNumberFilter(field_name="session__plan__year", label=gettext_lazy("年度"))
    completed = django_filters.BooleanFilter(label=gettext_lazy("结业"))

    class Meta:
        model = Attendance
        fields = ["session", "worker", "year", "completed"]


class WorkerComplianceFilterSet(django_filters.FilterSet):
    year = BoundedNumberFilter(label=gettext_lazy("年度"))
    region = django_filters.CharFilter(
        field_name="region_code",
        lookup_expr="startswith",
        label=gettext_lazy("区域（含下级）"),
        widget=RegionPicker(),
    )
    compliant = django_filters.BooleanFilter(label=gettext_lazy("达标"))
    pre_job_status = django_filters.ChoiceFilter(choices=PreJobStatus.choices, label=gettext_lazy("岗前培训"))
    rotation_status = django_filters.ChoiceFilter(
        choices=RotationStatus.choices, label=gettext_lazy("定期轮训")
    )

    class Meta:
        model = WorkerCompliance
        fields = ["year", "region", "compliant", "pre_job_status", "rotation_status"]
