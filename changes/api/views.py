"""`GET /api/v1/changes/` (the feed), `/webhooks/` and `/deliveries/` (with `resend/`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.tasks import dispatch

from .. import selectors, services, tasks
from ..choices import DeliveryStatus
from ..models import Delivery, Webhook
from . import serializers as s


class ChangeFeedView(APIView):
    """Created, changed and deleted records of every resource in the caller's regions, in cursor order.

    Start with `since=0` (or none); keep `next_cursor` and ask again with it. Each entry names the resource, the
    record's id, the action and the record's API URL: read the record there (its fields masked as in the
    resource). `deleted` means: remove it from your copy (with `moved`: it left your regions).
    """

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("since", int, description="游标：上次结果的 next_cursor（首次为 0）"),
            OpenApiParameter("limit", int, description="每页条数（默认 500，最多 1000）"),
            OpenApiParameter("resource", str, description="只看这些资源，逗号分隔，如 windows.case"),
        ],
        responses=s.FeedPageSerializer,
    )
    def get(self, request: Request) -> Response:
        query = s.FeedQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        since, limit = query.validated_data["since"], query.validated_data["limit"]
        wanted = [r for r in query.validated_data["resource"].split(",") if r]
        if since < services.pruned_through():
            return self._expired()
        if services.has_pending():
            # queued, not computed here (in-process without a broker: it runs now, and this page includes it)
            dispatch(tasks.changes_sequence_task)
        rows = selectors.feed(request.user, since=since, limit=limit + 1, resources=wanted)
        page = rows[:limit]
        data = s.ChangeSerializer(page, many=True, context={"request": request}).data
        return Response(
            {
                "results": data,
                "next_cursor": str(page[-1].seq if page else since),
                "has_more": len(rows) > limit,
            }
        )

    @staticmethod
    def _expired() -> Response:
        """410: entries after the cursor were removed after the retention period (services/prune.py); the client
        rebuilds its copy from the lists and follows the feed from `resume_cursor`, read before the lists."""
        detail = _(
            "该游标之后的部分变更已超过保留期被清理：请先记下 resume_cursor，重新读取各列表建立副本，"
            "再从 resume_cursor 继续读取变更。"
        )
        body = {"code": "cursor_expired", "detail": detail, "resume_cursor": str(services.head())}
        return Response(body, status=status.HTTP_410_GONE)


class WebhookViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet[Webhook],
):
    """A service account's webhooks (an administrator sees and manages everyone's)."""

    serializer_class = s.WebhookSerializer
    permission_classes = [IsAuthenticated]
    queryset = Webhook.objects.none()  # the schema's model; requests get webhooks_visible_to

    def get_queryset(self) -> Any:
        return selectors.webhooks_visible_to(self.request.user)

    @extend_schema(request=s.WebhookCreateSerializer, responses={201: s.WebhookCreatedSerializer})
    def create(self, request: Request) -> Response:
        data = s.WebhookCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        owner = services.webhook_owner(actor=request.user, username=fields.pop("owner", None))
        webhook, secret = services.webhook_create(actor=request.user, owner=owner, **fields)
        body = s.WebhookCreatedSerializer(webhook).data | {"secret": secret}
        return Response(body, status=status.HTTP_201_CREATED, headers={"Cache-Control": "no-store"})

    @extend_schema(request=s.WebhookUpdateSerializer, responses=s.WebhookSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        webhook = self.get_object()
        data = s.WebhookUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        webhook = services.webhook_update(actor=request.user, webhook=webhook, **data.validated_data)
        return Response(s.WebhookSerializer(webhook).data)

    def perform_destroy(self, instance: Webhook) -> None:
        services.webhook_delete(actor=self.request.user, webhook=instance)


class DeliveryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Delivery]):
    """The delivery log of the caller's webhooks (`?webhook=`, `?status=`), and a manual re-send."""

    serializer_class = s.DeliverySerializer
    permission_classes = [IsAuthenticated]
    queryset = Delivery.objects.none()

    def get_queryset(self) -> Any:
        qs = selectors.deliveries_visible_to(self.request.user).prefetch_related("log").order_by("-pk")
        params = self.request.query_params
        if params.get("webhook", "").isdigit():
            qs = qs.filter(webhook_id=int(params["webhook"]))
        if params.get("status") in DeliveryStatus.values:
            qs = qs.filter(status=params["status"])
        return qs

    @extend_schema(request=None, responses=s.DeliverySerializer)
    @action(detail=True, methods=["post"])
    def resend(self, request: Request, pk: str | None = None) -> Response:
        found = get_object_or_404(self.get_queryset(), pk=pk)
        services.delivery_resend(actor=request.user, delivery=found)
        return Response(s.DeliverySerializer(self.get_queryset().get(pk=found.pk)).data)
