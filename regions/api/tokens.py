"""/api/v1/regions/tokens/: list one's API tokens (an administrator: everyone's), create one (its key in the answer,
this once), revoke (issue 12 item 6)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from ..models import ApiToken
from ..services import api_token_create, api_token_revoke
from ..tokens import tokens_visible_to


class ApiTokenSerializer(serializers.ModelSerializer[ApiToken]):
    user = serializers.CharField(source="user.username", read_only=True)
    active = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = [
            "id",
            "user",
            "name",
            "prefix",
            "created_at",
            "expires_at",
            "last_used_at",
            "revoked_at",
            "active",
        ]
        read_only_fields = fields

    def get_active(self, obj: ApiToken) -> bool:
        now = self.context["now"]
        return obj.revoked_at is None and obj.expires_at > now


class ApiTokenCreateSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    days = serializers.IntegerField(min_value=1, max_value=366, required=False, allow_null=True, default=None)


class ApiTokenViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[ApiToken]):
    """The caller's API tokens. `POST` makes one and answers its `key` this once (only with a signed-in session,
    never with another token); `POST {id}/revoke/` revokes one."""

    serializer_class = ApiTokenSerializer
    permission_classes = [permissions.IsAuthenticated]
    queryset = ApiToken.objects.none()  # the schema's model; requests get tokens_visible_to

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):
            return ApiToken.objects.none()
        return tokens_visible_to(self.request.user).order_by("-created_at", "-pk")

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "now": timezone.now()}

    @extend_schema(request=ApiTokenCreateSerializer, responses={201: ApiTokenSerializer})
    def create(self, request: Request) -> Response:
        if isinstance(request.auth, ApiToken):
            # a token must not mint its successor: that would outlive its expiry and its revocation
            raise PermissionDenied(_("请登录后在页面或接口会话中申请新令牌，不能用令牌申请令牌"))
        data = ApiTokenCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        token, key = api_token_create(actor=request.user, user=request.user, **data.validated_data)
        body = dict(ApiTokenSerializer(token, context=self.get_serializer_context()).data)
        body["key"] = key
        return Response(body, status=status.HTTP_201_CREATED, headers={"Cache-Control": "no-store"})

    @extend_schema(request=None, responses=ApiTokenSerializer)
    @action(detail=True, methods=["post"])
    def revoke(self, request: Request, pk: str | None = None) -> Response:
        token = api_token_revoke(actor=request.user, token=self.get_object())
        return Response(ApiTokenSerializer(token, context=self.get_serializer_context()).data)
