"""Projects through the five stages (粤民发〔2018〕170号 一(四)) and the input of their steps."""

from __future__ import annotations

from django.utils.translation import gettext as _
from rest_framework import serializers

from core.api.fields import CodeChoiceField, ModelSerializer, ScopedPrimaryKeyField
from regions.api.base import ScopedRegionField

from ...choices import (
    FundingSource,
    Method,
    MethodCondition,
    StandardDimension,
)
from ...models import (
    CatalogueItem,
    Contract,
    Project,
    ProjectEvent,
)
from ...rules import PROJECT_TRANSITIONS


class StandardInput(serializers.Serializer):
    dimension = CodeChoiceField(choices=StandardDimension.choices)
    indicator = serializers.CharField(max_length=200)
    target = serializers.CharField(max_length=100)


class CriterionInput(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    weight = serializers.DecimalField(max_digits=5, decimal_places=2)
    is_price = serializers.BooleanField(default=False)


class EventSerializer(ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, default="")
    from_status = serializers.CharField(read_only=True)
    to_status = serializers.CharField(read_only=True)

    class Meta:
        model = ProjectEvent
        fields = ["action", "from_status", "to_status", "actor", "at", "note"]


class ProjectSerializer(ModelSerializer):
    purchaser = serializers.CharField(source="purchaser.code")
    purchaser_name = serializers.CharField(source="purchaser.name")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    method_label = serializers.CharField(source="get_method_display")
    items = serializers.SerializerMethodField()
    standards = serializers.SerializerMethodField()
    criteria = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "purchaser",
            "purchaser_name",
            "year",
            "title",
            "items",
            "budget",
            "funding_source",
            "in_central_catalogue",
            "method",
            "method_label",
            "method_condition",
            "approval_reference",
            "platform_number",
            "platform_notice_url",
            "platform_result_url",
            "original_contract",
            "public_call",
            "description",
            "status",
            "status_label",
            "round",
            "announced_on",
            "bid_deadline",
            "awarded_on",
            "awarded_bid",
            "failure_reason",
            "standards",
            "criteria",
            "allowed_actions",
            "created_at",
        ]
        read_only_fields = fields

    def get_items(self, obj) -> list[str]:
        return [item.code for item in obj.items.all()]

    def get_standards(self, obj) -> list[dict]:
        return [
            {"dimension": s.dimension, "indicator": s.indicator, "target": s.target}
            for s in obj.standards.all()
        ]

    def get_criteria(self, obj) -> list[dict]:
        return [
            {"id": c.pk, "name": c.name, "weight": str(c.weight), "is_price": c.is_price}
            for c in obj.criteria.all()
        ]

    def get_allowed_actions(self, obj) -> list[str]:
        return [action for (state, action) in PROJECT_TRANSITIONS if state == obj.status]


class ProjectDetailSerializer(ProjectSerializer):
    events = EventSerializer(many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "events"]
        read_only_fields = fields


class ProjectCreateSerializer(serializers.Serializer):
    purchaser = ScopedRegionField(levels=["province", "city", "county", "township"])
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=200)
    items = serializers.ListField(child=serializers.CharField(), allow_empty=False)
    budget = serializers.DecimalField(max_digits=14, decimal_places=2)
    funding_source = CodeChoiceField(choices=FundingSource.choices)
    in_central_catalogue = serializers.BooleanField(default=False)
    method = CodeChoiceField(choices=Method.choices)
    method_condition = CodeChoiceField(
        choices=MethodCondition.choices, required=False, allow_blank=True, default=""
    )
    approval_reference = serializers.CharField(required=False, allow_blank=True, default="")
    original_contract = ScopedPrimaryKeyField(
        queryset=Contract.objects.all(), required=False, allow_null=True
    )
    public_call = serializers.BooleanField(default=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    standards = StandardInput(many=True)
    criteria = CriterionInput(many=True)

    def validate_items(self, codes):
        items = {i.code: i for i in CatalogueItem.objects.filter(code__in=codes).select_related("region")}
        unknown = [c for c in codes if c not in items]
        if unknown:
            raise serializers.ValidationError(_("未知的目录编码：{value}").format(value=", ".join(unknown)))
        return [items[c] for c in codes]


class PlatformSerializer(serializers.Serializer):
    """The provincial procurement cloud platform's project number and notice links (empty clears)."""

    platform_number = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    platform_notice_url = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
    platform_result_url = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PublishSerializer(serializers.Serializer):
    announced_on = serializers.DateField(required=False)
    bid_deadline = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SwitchMethodSerializer(serializers.Serializer):
    method = CodeChoiceField(choices=Method.choices)
    method_condition = CodeChoiceField(choices=MethodCondition.choices)
    approval_reference = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField()
