"""API shapes of the evaluation app. Serializers parse and present; every write goes through a service."""

from __future__ import annotations

from rest_framework import serializers

from regions.api.base import ScopedRegionField
from regions.choices import ADMIN_ROLES

from ..choices import Dimension, Party
from ..models import EvaluationTemplate, TemplateIndicator, TemplateParty
from ..services.templates import TEMPLATE_LEVELS


class IndicatorSerializer(serializers.ModelSerializer):
    dimension = serializers.ChoiceField(choices=Dimension.choices)
    dimension_label = serializers.CharField(source="get_dimension_display", read_only=True)

    class Meta:
        model = TemplateIndicator
        fields = ["id", "dimension", "dimension_label", "name", "weight"]
        read_only_fields = ["id"]


class PartySerializer(serializers.ModelSerializer):
    party = serializers.ChoiceField(choices=Party.choices)
    party_label = serializers.CharField(source="get_party_display", read_only=True)
    indicators = IndicatorSerializer(many=True)

    class Meta:
        model = TemplateParty
        fields = ["party", "party_label", "weight", "indicators"]


class TemplateSerializer(serializers.ModelSerializer):
    """A template with its parties and indicators. On create/update the whole tree is given and validated at once
    (weights sum to 100, recipients carry the largest weight, each party covers the three dimensions)."""

    region = ScopedRegionField(levels=list(TEMPLATE_LEVELS), allow_null=True, required=False)
    region_name = serializers.CharField(source="region.name", read_only=True, default="全省通用")
    parties = PartySerializer(many=True)
    write_roles = ADMIN_ROLES

    class Meta:
        model = EvaluationTemplate
        fields = [
            "id",
            "name",
            "region",
            "region_name",
            "service_category",
            "is_default",
            "active",
            "excellent_min",
            "good_min",
            "pass_min",
            "min_sample",
            "parties",
            "created_at",
        ]
        read_only_fields = ["id", "is_default", "created_at"]
