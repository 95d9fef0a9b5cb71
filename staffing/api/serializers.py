"""API serializers: ID numbers and phones only ever leave masked."""

from __future__ import annotations

from rest_framework import serializers

from regions.api.base import ScopedRegionField

from ..choices import Post, WorkerStatus
from ..models import Caseload, ComplianceSnapshot, Posting, StaffingRule, Worker
from ..rules import period_error


class StaffingRuleSerializer(serializers.ModelSerializer):
    rule_set = serializers.CharField(source="rule_set.name")
    source_document = serializers.CharField(source="rule_set.source_document")
    effective_from = serializers.DateField(source="rule_set.effective_from")
    effective_to = serializers.DateField(source="rule_set.effective_to")
    counts = serializers.SerializerMethodField()

    class Meta:
        model = StaffingRule
        fields = [
            "id",
            "rule_set",
            "level",
            "households_from",
            "households_to",
            "min_staff",
            "source_document",
            "effective_from",
            "effective_to",
            "counts",
        ]

    def get_counts(self, obj) -> list[str]:
        rs = obj.rule_set
        return [
            name
            for name, on in (
                ("dibao", rs.count_dibao),
                ("tekun", rs.count_tekun),
                ("temporary", rs.count_temporary),
            )
            if on
        ]


class CaseloadSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.name")

    class Meta:
        model = Caseload
        fields = [
            "id",
            "region",
            "region_name",
            "period",
            "dibao_households",
            "tekun_households",
            "temporary_households",
            "updated_at",
        ]


class CaseloadBulkSerializer(serializers.Serializer):
    """A list of caseload rows; each row is validated by the service (row errors come back by row)."""

    rows = serializers.ListField(child=serializers.DictField(), allow_empty=False, max_length=50000)


class ComplianceSnapshotSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region_code")
    status = serializers.CharField(read_only=True, help_text="compliant / short / no_data / flagged")
    region_name = serializers.CharField(source="region.name")

    class Meta:
        model = ComplianceSnapshot
        fields = [
            "region",
            "region_name",
            "level",
            "period",
            "households",
            "required_staff",
            "actual_staff",
            "shortfall",
            "status",
            "computed_at",
        ]


class RecomputeSerializer(serializers.Serializer):
    period = serializers.CharField()

    def validate_period(self, value: str) -> str:
        problem = period_error(value)
        if problem:
            raise serializers.ValidationError(problem)
        return value


class PostingSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code")
    region_name = serializers.CharField(source="region.name")

    class Meta:
        model = Posting
        fields = ["region", "region_name", "post", "kind", "started_on", "ended_on", "reason"]


class WorkerSerializer(serializers.ModelSerializer):
    """Read: masked ID number and phone, the birth year only. Write (create): the full values, validated by the
    service.

    The masked ID number hides exactly the eight birth-date digits, so the full birth date is personal data too and
    never leaves beside it (issue 12 item 1): reads carry `birth_year`; `birth_date` is write-only."""

    region = ScopedRegionField(levels=["county", "township", "village"])
    region_name = serializers.CharField(source="region.name", read_only=True)
    id_number = serializers.CharField(write_only=True)
    phone = serializers.CharField(write_only=True, required=False, allow_blank=True)
    id_number_masked = serializers.CharField(read_only=True)
    status = serializers.CharField(
        read_only=True, help_text="active（在岗）/ reassigned（已调离）/ left（已离职）"
    )
    phone_masked = serializers.CharField(read_only=True)
    birth_year = serializers.IntegerField(source="birth_date.year", read_only=True)

    class Meta:
        model = Worker
        fields = [
            "id",
            "name",
            "id_number",
            "id_number_masked",
            "phone",
            "phone_masked",
            "region",
            "region_name",
            "post",
            "employment",
            "dispatching_org_name",
            "dispatching_org_credit_code",
            "education",
            "full_time",
            "social_work_qualification",
            "veteran",
            "birth_date",
            "birth_year",
            "graduation_date",
            "computer_literate",
            "start_date",
            "status",
        ]
        read_only_fields = ["status"]
        extra_kwargs = {
            "birth_date": {"required": False, "write_only": True},
            "start_date": {"required": False},
        }


class WorkerDetailSerializer(WorkerSerializer):
    postings = PostingSerializer(many=True, read_only=True)

    class Meta(WorkerSerializer.Meta):
        fields = [*WorkerSerializer.Meta.fields, "postings"]


class ReassignSerializer(serializers.Serializer):
    to_region = ScopedRegionField(levels=["county", "township", "village"])
    post = serializers.ChoiceField(choices=Post.choices, required=False)
    reason = serializers.CharField(max_length=300)
    on = serializers.DateField(required=False)


class LeaveSerializer(serializers.Serializer):
    # validated by worker_leave (a plain string here: "status" enums of several resources must not collide)
    status = serializers.CharField(
        default=WorkerStatus.LEFT, help_text="left（离职）/ reassigned（调离经办岗位）"
    )
    reason = serializers.CharField(max_length=300)
    on = serializers.DateField(required=False)
