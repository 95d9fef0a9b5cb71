"""Sanctions and the public debarment list (粤民发〔2018〕170号 一(七))."""

from __future__ import annotations

from rest_framework import serializers

from core.api.fields import ModelSerializer, ScopedPrimaryKeyField
from regions.api.base import ScopedRegionField

from ...models import (
    Contract,
    Sanction,
)
from ..fields import ContractorCodeField


class SanctionSerializer(ModelSerializer):
    contractor = ContractorCodeField()
    contractor_name = serializers.CharField(source="contractor.name", read_only=True)
    region = ScopedRegionField(required=False, allow_null=True)
    contract = ScopedPrimaryKeyField(queryset=Contract.objects.all(), required=False, allow_null=True)
    kind = serializers.CharField(
        max_length=30, help_text="breach / fraud / subcontracting / poor_performance / other"
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Sanction
        fields = [
            "id",
            "contractor",
            "contractor_name",
            "region",
            "contract",
            "kind",
            "kind_label",
            "reason",
            "penalty",
            "terminates_contract",
            "debar_from",
            "debar_to",
            "decided_on",
        ]
        read_only_fields = ["decided_on"]
        validators: list[object] = []


class DebarmentSerializer(ModelSerializer):
    """The public debarment list: organisation, credit code, period, kind, deciding region."""

    contractor = serializers.CharField(source="contractor.name")
    credit_code = serializers.CharField(source="contractor.credit_code")
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    region = serializers.CharField(source="region.name")

    class Meta:
        model = Sanction
        fields = ["contractor", "credit_code", "kind", "kind_label", "region", "debar_from", "debar_to"]
        read_only_fields = fields
