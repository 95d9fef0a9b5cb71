"""Contractors and their eligibility reviews (粤民发〔2018〕170号 一(三)). Contact phones leave masked."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from core.api.fields import CodeChoiceField, ModelSerializer
from regions.api.base import ScopedRegionField
from regions.rules import mask_phone

from ...choices import (
    Condition,
    WorkKind,
)
from ...models import (
    Contractor,
    EligibilityReview,
)
from .common import JSONListField


class ContractorSerializer(ModelSerializer):
    region = ScopedRegionField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=30)

    class Meta:
        model = Contractor
        fields = [
            "id",
            "name",
            "credit_code",
            "kind",
            "kind_label",
            "legal_representative",
            "contact_name",
            "contact_phone",
            "address",
            "region",
            "created_at",
        ]
        read_only_fields = ["created_at"]
        # uniqueness is checked by the service with a bilingual message
        extra_kwargs: dict[str, dict[str, list[object]]] = {"credit_code": {"validators": []}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["contact_phone"] = mask_phone(instance.contact_phone)
        return data


class ReviewConditionInput(serializers.Serializer):
    condition = CodeChoiceField(choices=Condition.choices)
    met = serializers.BooleanField()
    evidence_note = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewSerializer(ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)
    reviewer = serializers.CharField(source="reviewer.username", read_only=True)
    work_kind = serializers.CharField(read_only=True)
    result = serializers.CharField(read_only=True)
    conditions = serializers.SerializerMethodField()

    class Meta:
        model = EligibilityReview
        fields = [
            "id",
            "contractor",
            "region",
            "work_kind",
            "result",
            "reviewer",
            "reviewed_on",
            "valid_until",
            "local_conditions",
            "note",
            "conditions",
        ]

    def get_conditions(self, obj) -> list[dict]:
        return [
            {
                "condition": c.condition,
                "label": str(c.get_condition_display()),
                "met": c.met,
                "evidence_note": c.evidence_note,
                # never the media URL: served only through the scoped view, as an attachment
                "evidence_file": reverse("procurement:evidence_file", args=[c.pk]) if c.evidence_file else "",
            }
            for c in obj.conditions.all()
        ]


class ReviewCreateSerializer(serializers.Serializer):
    """Conditions as a list (JSON, or a JSON string in multipart); files as `evidence_<condition>`."""

    region = ScopedRegionField(levels=["province", "city", "county"])
    work_kind = CodeChoiceField(choices=WorkKind.choices)
    reviewed_on = serializers.DateField(required=False)
    valid_until = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    conditions = JSONListField(child=ReviewConditionInput())
