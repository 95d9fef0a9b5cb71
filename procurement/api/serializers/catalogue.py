"""The guidance catalogue (粤民发〔2018〕170号 一(二))."""

from __future__ import annotations

from rest_framework import serializers

from core.api.fields import CodeChoiceField, ModelSerializer
from regions.api.base import ScopedRegionField

from ...choices import (
    Assistance,
    WorkKind,
)
from ...models import (
    CatalogueItem,
)


class CatalogueItemSerializer(ModelSerializer):
    region = ScopedRegionField(required=False, allow_null=True, levels=["province", "city", "county"])
    work_kind_label = serializers.CharField(source="get_work_kind_display", read_only=True)
    assistance_label = serializers.CharField(source="get_assistance_display", read_only=True)

    class Meta:
        model = CatalogueItem
        fields = [
            "id",
            "code",
            "name",
            "work_kind",
            "work_kind_label",
            "assistance",
            "assistance_label",
            "government_only",
            "region",
            "description",
            "active",
        ]
        read_only_fields = ["active"]


class CatalogueItemCreateSerializer(serializers.Serializer):
    region = ScopedRegionField(levels=["province", "city", "county"])
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=100)
    work_kind = CodeChoiceField(choices=WorkKind.choices)
    assistance = CodeChoiceField(choices=Assistance.choices)
    government_only = serializers.BooleanField(default=False)
    description = serializers.CharField(required=False, allow_blank=True, default="")
