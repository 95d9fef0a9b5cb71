"""Serializers of the training API: plans and sessions, attendance and certificates, compliance, assessment."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from rest_framework import serializers

from regions.api.base import ScopedRegionField
from regions.models import Region
from regions.rules import mask_name
from staffing.models import Worker

from ..choices import ORGANISER_LEVELS
from ..models import (
    Assessment,
    Attendance,
    Certificate,
    PlannedTraining,
    PriorTraining,
    TrainingPlan,
    TrainingSession,
    WorkerCompliance,
)
from ..rules import missing_plan_types
from ..services.plans import PLANNED_FIELDS, SESSION_FIELDS


class PlannedTrainingSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlannedTraining
        fields = ["id", *PLANNED_FIELDS]


class TrainingPlanSerializer(serializers.ModelSerializer):
    region = ScopedRegionField(levels=list(ORGANISER_LEVELS))
    region_name = serializers.CharField(source="region.name", read_only=True)
    items = PlannedTrainingSerializer(many=True, required=False)
    missing_types = serializers.SerializerMethodField(
        help_text="岗前培训、定期轮训、业务进修中本计划缺少的类别（粤民发〔2018〕170号 二(五)）"
    )

    class Meta:
        model = TrainingPlan
        fields = [
            "id",
            "region",
            "region_name",
            "year",
            "title",
            "notes",
            "items",
            "missing_types",
            "status",
            "missing_types_reason",
            "finalised_at",
            "created_at",
        ]
        read_only_fields = ["created_at", "status", "missing_types_reason", "finalised_at"]
        # one plan per organiser and year is checked by the service (400 with a clear message)
        validators: list[Any] = []

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["region"].read_only = True
            fields["year"].read_only = True
        return fields

    def get_missing_types(self, obj) -> list[str]:
        return missing_plan_types(item.training_type for item in obj.items.all())


class FinaliseSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class PriorTrainingSerializer(serializers.ModelSerializer):
    worker = serializers.PrimaryKeyRelatedField(queryset=Worker.objects.all())
    worker_name = serializers.CharField(source="worker.name", read_only=True)

    class Meta:
        model = PriorTraining
        fields = [
            "id",
            "worker",
            "worker_name",
            "training_type",
            "completed_on",
            "title",
            "organiser",
            "hours",
            "political_education",
            "evidence",
            "recorded_at",
        ]
        read_only_fields = ["recorded_at"]
        validators: list[Any] = []

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["worker"].queryset = Worker.objects.visible_to(request.user)
        return fields


class TrainingSessionSerializer(serializers.ModelSerializer):
    plan = serializers.PrimaryKeyRelatedField(queryset=TrainingPlan.objects.all())
    planned = serializers.PrimaryKeyRelatedField(
        queryset=PlannedTraining.objects.all(), required=False, allow_null=True
    )
    region = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    attendance_count = serializers.IntegerField(read_only=True, default=None)

    class Meta:
        model = TrainingSession
        fields = [
            "id",
            "plan",
            "planned",
            "region",
            "region_name",
            *SESSION_FIELDS,
            "status",
            "sign_in_code",
            "held_at",
            "cancel_reason",
            "attendance_count",
        ]
        read_only_fields = ["status", "sign_in_code", "held_at", "cancel_reason"]
        extra_kwargs = {
            "training_type": {"required": False},
            "form": {"required": False},
            "title": {"required": False},
        }

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["plan"].queryset = TrainingPlan.objects.visible_to(request.user)
            fields["planned"].queryset = PlannedTraining.objects.visible_to(request.user)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["plan"].read_only = True
            fields["planned"].read_only = True
        return fields


class CancelSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=200)


class AttendanceSerializer(serializers.ModelSerializer):
    worker = serializers.PrimaryKeyRelatedField(queryset=Worker.objects.all())
    worker_name = serializers.CharField(source="worker.name", read_only=True)
    worker_region = serializers.CharField(source="worker.region.code", read_only=True)
    certificate = serializers.SerializerMethodField()
    #: staff / excel / code (a plain string: "method" is also a procurement enum in the schema)
    method = serializers.CharField(read_only=True)

    class Meta:
        model = Attendance
        fields = [
            "id",
            "session",
            "worker",
            "worker_name",
            "worker_region",
            "method",
            "signed_in_at",
            "hours",
            "score",
            "completed",
            "certificate",
        ]
        read_only_fields = ["session", "method", "signed_in_at", "completed"]
        extra_kwargs = {"hours": {"required": False}}
        validators: list[Any] = []

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["worker"].queryset = Worker.objects.visible_to(request.user)
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["worker"].read_only = True
        return fields

    def get_certificate(self, obj) -> str | None:
        cert = getattr(obj, "certificate", None) if obj.completed else None
        return cert.display_code if cert else None


class UploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class InvitationSerializer(serializers.Serializer):
    workers = serializers.PrimaryKeyRelatedField(queryset=Worker.objects.all(), many=True)

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["workers"].child_relation.queryset = Worker.objects.visible_to(request.user)
        return fields


class WorkerComplianceSerializer(serializers.ModelSerializer):
    worker_name = serializers.CharField(source="worker.name", read_only=True)

    class Meta:
        model = WorkerCompliance
        fields = [
            "worker",
            "worker_name",
            "year",
            "region_code",
            "start_date",
            "pre_job_status",
            "pre_job_completed_on",
            "rotation_status",
            "rotation_completed_on",
            "sessions_in_year",
            "hours_in_year",
            "political_in_year",
            "compliant",
            "computed_at",
        ]


class CertificatePublicSerializer(serializers.ModelSerializer):
    """What a public check of a certificate shows: enough to match the paper, the holder's name masked."""

    code = serializers.CharField(source="display_code")
    valid = serializers.SerializerMethodField()
    holder = serializers.SerializerMethodField()
    session = serializers.CharField(source="attendance.session.title")
    organiser = serializers.CharField(source="attendance.session.region.name")
    training_type = serializers.CharField(source="attendance.session.get_training_type_display")
    political_education = serializers.BooleanField(source="attendance.session.political_education")
    date = serializers.SerializerMethodField()
    hours = serializers.DecimalField(source="attendance.hours", max_digits=5, decimal_places=1)

    class Meta:
        model = Certificate
        fields = [
            "code",
            "valid",
            "holder",
            "session",
            "organiser",
            "training_type",
            "political_education",
            "date",
            "hours",
            "issued_at",
        ]

    def get_valid(self, obj) -> bool:
        return True

    def get_holder(self, obj) -> str:
        return mask_name(obj.attendance.worker.name)

    def get_date(self, obj) -> str:
        return timezone.localtime(obj.attendance.session.starts_at).date().isoformat()


class AssessmentSerializer(serializers.ModelSerializer):
    worker = serializers.PrimaryKeyRelatedField(queryset=Worker.objects.all())
    worker_name = serializers.CharField(source="worker.name", read_only=True)
    # a plain string: the same choices as `grade` (one enum in the schema)
    suggested_grade = serializers.CharField(read_only=True)
    to_region = serializers.SlugRelatedField(
        slug_field="code", queryset=Region.objects.all(), required=False, allow_null=True, write_only=True
    )
    post = serializers.CharField(required=False, allow_blank=True, write_only=True)
    transfer_out = serializers.BooleanField(required=False, default=False, write_only=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "worker",
            "worker_name",
            "year",
            "grade",
            "suggested_grade",
            "sessions_attended",
            "hours",
            "average_score",
            "compliant",
            "judgement",
            "notes",
            "reassignment",
            "assessed_at",
            "to_region",
            "post",
            "transfer_out",
        ]
        read_only_fields = [
            "suggested_grade",
            "sessions_attended",
            "hours",
            "average_score",
            "compliant",
            "reassignment",
            "assessed_at",
        ]
        validators: list[Any] = []

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            fields["worker"].queryset = Worker.objects.visible_to(request.user)
            fields["to_region"].queryset = Region.objects.visible_to(request.user)
        return fields


class ComplianceRowSerializer(serializers.Serializer):
    """One region in the compliance roll-up (for the schema)."""

    region = serializers.CharField()
    name = serializers.CharField()
    own = serializers.BooleanField(help_text="staff posted at the region itself (本级)")
    level = serializers.CharField()
    organiser_status = serializers.CharField(allow_null=True)
    sessions_held = serializers.IntegerField()
    workers = serializers.IntegerField()
    compliant = serializers.IntegerField()
    compliance_rate = serializers.FloatField(allow_null=True)
    pre_job_awaiting = serializers.IntegerField(help_text="待岗前培训（上岗时未培训，不计达标）")
    pre_job_late = serializers.IntegerField(help_text="上岗后补训")
    rotation_missing = serializers.IntegerField()
    rotation_due = serializers.IntegerField()
    plan_status = serializers.CharField(allow_null=True)
    plan_missing_types = serializers.ListField(
        child=serializers.CharField(), allow_null=True, help_text="年度计划缺少的培训类别；无计划为 null"
    )


class ComplianceSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    region = serializers.CharField()
    level = serializers.CharField(allow_null=True)
    results = ComplianceRowSerializer(many=True)
