"""Serializers of the oversight API: meetings and issues (reads), and the inputs of their writes."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from rest_framework import serializers

from core.api.fields import CodeChoiceField
from regions.api.base import ScopedRegionField

from ..choices import Department, IssueArea
from ..models import CountyFunding, FollowUp, Issue, Meeting


class OversightMeetingSerializer(serializers.ModelSerializer[Meeting]):
    region = serializers.CharField(source="region.code", read_only=True)
    minutes_url = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id",
            "region",
            "held_on",
            "title",
            "departments",
            "other_departments",
            "decisions",
            "minutes_url",
            "created_at",
        ]
        read_only_fields = fields

    def get_minutes_url(self, obj: Meeting) -> str | None:
        return reverse("oversight:meeting_minutes", args=[obj.pk]) if obj.minutes else None


class OversightMeetingCreateSerializer(serializers.Serializer[Any]):
    region = ScopedRegionField()
    held_on = serializers.DateField()
    title = serializers.CharField(max_length=200)
    departments = serializers.ListField(child=CodeChoiceField(choices=Department.choices), allow_empty=False)
    other_departments = serializers.CharField(max_length=200, required=False, default="")
    decisions = serializers.CharField(required=False, default="", allow_blank=True)
    minutes = serializers.FileField(required=False, allow_null=True, default=None)


class OversightFollowUpSerializer(serializers.ModelSerializer[FollowUp]):
    by = serializers.CharField(source="by.username", read_only=True)

    class Meta:
        model = FollowUp
        fields = ["id", "note", "closes", "by", "at"]
        read_only_fields = fields


class OversightIssueSerializer(serializers.ModelSerializer[Issue]):
    region = serializers.CharField(source="region.code", read_only=True)
    follow_ups = OversightFollowUpSerializer(many=True, read_only=True)

    class Meta:
        model = Issue
        fields = [
            "id",
            "meeting",
            "region",
            "area",
            "description",
            "owner_department",
            "deadline",
            "status",
            "period",
            "figures",
            "raised_at",
            "closed_at",
            "follow_ups",
        ]
        read_only_fields = fields


class OversightIssueCreateSerializer(serializers.Serializer[Any]):
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=Meeting.objects.none(), required=False, allow_null=True
    )
    region = ScopedRegionField()
    area = CodeChoiceField(choices=IssueArea.choices)
    description = serializers.CharField()
    owner_department = CodeChoiceField(choices=Department.choices)
    deadline = serializers.DateField()

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        request = self.context.get("request")
        if request is not None:
            meetings = Meeting.objects.visible_to(request.user).select_related("region")
            fields["meeting"].queryset = meetings  # type: ignore[attr-defined]  # a PrimaryKeyRelatedField
        return fields


class OversightFollowUpCreateSerializer(serializers.Serializer[Any]):
    note = serializers.CharField()
    close = serializers.BooleanField(required=False, default=False)


class OversightCountyFundingSerializer(serializers.ModelSerializer[CountyFunding]):
    region = ScopedRegionField(levels=["county"])
    transfers = serializers.SerializerMethodField()

    class Meta:
        model = CountyFunding
        fields = [
            "id",
            "region",
            "year",
            "work_fund",
            "work_fund_source",
            "purchased_services_budget",
            "dibao_spending_previous_year",
            "dispatched_staff",
            "dispatched_pay_total",
            "transfers",
            "updated_at",
        ]
        read_only_fields = ["id", "transfers", "updated_at"]
        validators: list[Any] = []

    def get_transfers(self, obj: CountyFunding) -> list[dict[str, Any]]:
        return [
            {"recipient": t.recipient.code, "amount": str(t.amount), "tasks": t.tasks}
            for t in obj.transfers.all()
        ]
