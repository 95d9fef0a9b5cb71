"""Accounts API for provincial systems (issue 13): `GET /api/v1/accounts/users/` and `/grants/` scoped to the
caller's area (filters as on the page); writes (create, grant, revoke, reset, deactivate) only for a caller holding
an administering role (county, city, province admin; security administrator), each checked by the service."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api.pagination import StandardPagination
from regions import access
from regions.models import RegionUserObjectPermission

from .. import selectors, services
from ..filters import UserFilterSet
from . import serializers as s


class AdministersAccounts(permissions.BasePermission):
    """Reads for anyone signed in (scoped); writes for an administering role."""

    message = gettext_lazy("只有管理员可以管理账号")

    def has_permission(self, request: Request, view: APIView) -> bool:
        return request.method in permissions.SAFE_METHODS or selectors.is_account_admin(request.user)


class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Any]):
    serializer_class = s.UserSerializer
    permission_classes = [permissions.IsAuthenticated, AdministersAccounts]
    pagination_class = StandardPagination
    filterset_class = UserFilterSet

    def get_queryset(self) -> QuerySet[Any]:
        return selectors.users_in_scope(self.request.user, selectors.READ_ROLES)

    def _admin_user(self) -> Any:
        pk = str(self.kwargs["pk"])
        if not pk.isdigit():  # a malformed id is a 404, like every detail URL
            raise NotFound
        return selectors.user_for(self.request.user, int(pk))

    def _user_response(self, user: Any, code: int = status.HTTP_200_OK, **extra: Any) -> Response:
        fresh = selectors.users_in_scope(self.request.user, selectors.READ_ROLES).get(pk=user.pk)
        return Response({**self.get_serializer(fresh).data, **extra}, status=code)

    @extend_schema(request=s.UserCreateSerializer, responses={201: s.UserSerializer})
    def create(self, request: Request) -> Response:
        data = s.UserCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        user, password = services.account_create(
            actor=request.user, region_code=values.pop("region"), **values
        )
        return self._user_response(user, status.HTTP_201_CREATED, temporary_password=password)

    @extend_schema(request=None, responses=s.UserSerializer)
    @action(detail=True, methods=["post"], url_path="reset-password")
    def reset_password(self, request: Request, pk: str | None = None) -> Response:
        user = self._admin_user()
        password = services.password_reset(actor=request.user, user=user)
        return self._user_response(user, temporary_password=password)

    @extend_schema(request=None, responses=s.UserSerializer)
    @action(detail=True, methods=["post"])
    def deactivate(self, request: Request, pk: str | None = None) -> Response:
        return self._user_response(services.account_deactivate(actor=request.user, user=self._admin_user()))

    @extend_schema(request=None, responses=s.UserSerializer)
    @action(detail=True, methods=["post"])
    def reactivate(self, request: Request, pk: str | None = None) -> Response:
        return self._user_response(services.account_reactivate(actor=request.user, user=self._admin_user()))


class GrantViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet[Any]
):
    """Role grants on regions within the caller's area (`?user=&region=&role=`); POST grants, DELETE revokes."""

    serializer_class = s.GrantSerializer
    permission_classes = [permissions.IsAuthenticated, AdministersAccounts]
    pagination_class = StandardPagination

    def get_queryset(self) -> QuerySet[RegionUserObjectPermission]:
        qs = RegionUserObjectPermission.objects.filter(
            permission__codename__startswith="role_"
        ).select_related("content_object", "permission", "user")
        q = access.scope_q(self.request.user, "content_object__code", selectors.READ_ROLES)
        if q is not None:
            qs = qs.filter(q)
        params = self.request.query_params
        if (params.get("user") or "").isdigit() and len(params["user"]) < 19:
            qs = qs.filter(user_id=int(params["user"]))
        if params.get("region"):
            qs = qs.filter(content_object__code__startswith=params["region"][:12])
        if params.get("role"):
            qs = qs.filter(permission__codename=f"role_{params['role'][:40]}")
        return qs.order_by("content_object__code", "id")

    @extend_schema(request=s.GrantCreateSerializer, responses={201: s.GrantSerializer})
    def create(self, request: Request) -> Response:
        data = s.GrantCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        user = selectors.user_for(request.user, values["user"])
        region = services.grant_add(
            actor=request.user, user=user, region_code=values["region"], role=values["role"]
        )
        grant = self.get_queryset().get(
            user=user, content_object=region, permission__codename=f"role_{values['role']}"
        )
        return Response(self.get_serializer(grant).data, status=status.HTTP_201_CREATED)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        grant = self.get_object()
        user = selectors.user_for(request.user, grant.user_id)
        services.grant_revoke(
            actor=request.user,
            user=user,
            region_code=grant.content_object.code,
            role=selectors.role_of(grant),
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
