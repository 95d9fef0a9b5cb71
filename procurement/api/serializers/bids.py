"""Bids (with each contractor's published evaluation results), scores and invalidation."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from core.api.fields import ModelSerializer

from ...models import (
    Bid,
)
from ..fields import ContractorCodeField


class BidSerializer(ModelSerializer):
    contractor = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField(help_text="下载地址（登录后按权限范围提供，作为附件下载）")
    status = serializers.CharField(read_only=True)
    track_record = serializers.SerializerMethodField()

    class Meta:
        model = Bid
        fields = [
            "id",
            "round",
            "contractor",
            "price",
            "submitted_on",
            "document",
            "status",
            "invalid_reason",
            "track_record",
        ]
        read_only_fields = fields

    def get_contractor(self, obj) -> dict:
        return {
            "id": obj.contractor_id,
            "name": obj.contractor.name,
            "credit_code": obj.contractor.credit_code,
        }

    def get_document(self, obj) -> str:
        # never the media URL: the document is served only through the scoped view, as an attachment
        return reverse("procurement:bid_document", args=[obj.pk]) if obj.document else ""

    def get_track_record(self, obj) -> list[dict]:
        return self.context.get("track_record", {}).get(obj.contractor_id, [])


class BidCreateSerializer(serializers.Serializer):
    contractor = ContractorCodeField()
    price = serializers.DecimalField(max_digits=14, decimal_places=2)
    submitted_on = serializers.DateField(required=False)
    document = serializers.FileField(required=False)


class ScoreSerializer(serializers.Serializer):
    bid = serializers.IntegerField()
    scores = serializers.DictField(
        child=serializers.DecimalField(max_digits=5, decimal_places=2), allow_empty=False
    )


class InvalidateSerializer(serializers.Serializer):
    bid = serializers.IntegerField()
    reason = serializers.CharField()
