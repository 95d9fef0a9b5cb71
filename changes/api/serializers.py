"""Serializers of the change feed and the webhooks."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from ..models import Change, Delivery, DeliveryAttempt, Webhook
from ..selectors import PAGE, PAGE_MAX, change_path


class FeedQuerySerializer(serializers.Serializer[Any]):
    since = serializers.IntegerField(
        required=False,
        default=0,
        min_value=0,
        max_value=2**62,
        error_messages={"invalid": _("游标应为非负整数。")},
    )
    limit = serializers.IntegerField(required=False, default=PAGE, min_value=1, max_value=PAGE_MAX)
    resource = serializers.CharField(required=False, default="", max_length=2000)


class ChangeSerializer(serializers.ModelSerializer[Change]):
    cursor = serializers.SerializerMethodField()
    id = serializers.IntegerField(source="object_id")
    region = serializers.CharField(source="region_code")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Change
        fields = ["cursor", "resource", "id", "action", "moved", "region", "url", "at"]

    def get_cursor(self, obj: Change) -> str:
        return str(obj.seq)

    def get_url(self, obj: Change) -> str:
        path = change_path(obj)
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None and path else path


class FeedPageSerializer(serializers.Serializer[Any]):
    """The page's shape, for the schema."""

    results = ChangeSerializer(many=True)
    next_cursor = serializers.CharField()
    has_more = serializers.BooleanField()


class WebhookSerializer(serializers.ModelSerializer[Webhook]):
    owner: serializers.SlugRelatedField[Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )

    class Meta:
        model = Webhook
        fields = ["id", "owner", "name", "url", "event_types", "active", "created_at"]
        read_only_fields = ["id", "owner", "created_at"]


class WebhookCreateSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=100)
    url = serializers.CharField(max_length=500)
    event_types = serializers.ListField(
        child=serializers.CharField(max_length=120), min_length=1, max_length=100
    )
    #: an administrator names the service account; a service account creates its own (left empty)
    owner = serializers.CharField(max_length=150, required=False, allow_blank=True)


class WebhookCreatedSerializer(WebhookSerializer):
    secret = serializers.CharField(read_only=True, help_text="只在创建时返回一次")

    class Meta(WebhookSerializer.Meta):
        fields = [*WebhookSerializer.Meta.fields, "secret"]


class WebhookUpdateSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=100, required=False)
    url = serializers.CharField(max_length=500, required=False)
    event_types = serializers.ListField(
        child=serializers.CharField(max_length=120), min_length=1, max_length=100, required=False
    )
    active = serializers.BooleanField(required=False)


class AttemptSerializer(serializers.ModelSerializer[DeliveryAttempt]):
    class Meta:
        model = DeliveryAttempt
        fields = ["at", "status_code", "error", "manual"]


class DeliverySerializer(serializers.ModelSerializer[Delivery]):
    log = AttemptSerializer(many=True, read_only=True)

    class Meta:
        model = Delivery
        fields = [
            "id",
            "webhook",
            "event",
            "payload",
            "status",
            "attempts",
            "next_attempt_at",
            "delivered_at",
            "created_at",
            "log",
        ]
