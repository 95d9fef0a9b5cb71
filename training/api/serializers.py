from __future__ import annotations

from rest_framework import serializers

from regions.api.base import ScopedRegionField

from ..choices import ORGANISER_LEVELS
from ..models import PlannedTraining, TrainingPlan, TrainingSession
from ..services.plans import PLANNED_FIELDS, SESSION_FIELDS


class PlannedTrainingSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlannedTraining
        fields = ["id", *PLANNED_FIELDS]


class TrainingPlanSerializer(serializers.ModelSerializer):
    region = ScopedRegionField(levels=list(ORGANISER_LEVELS))
    region_name = serializers.CharField(source="region.name", read_only=True)
    items = PlannedTrainingSerializer(many=True, required=False)

    class Meta:
        model = TrainingPlan
        fields = ["id", "region", "region_name", "year", "title", "notes", "items", "created_at"]
        read_only_fields = ["created_at"]
        # one plan per organiser and year is checked by the service (400 with a clear message)
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list | tuple):
            fields["region"].read_only = True
            fields["year"].read_only = True
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
