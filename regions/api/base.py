"""The base every app's API builds on: querysets scoped by region through the one helper.

`RegionScopedViewSet` gets its queryset from `Model.objects.visible_to(user)`, so a record out of scope is
404 for reads and writes alike. Writes need a role that may act on the record's region (`write_roles`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, cast

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.views import APIView

from regions import access
from regions.choices import ACTING_ROLES
from regions.models import Region, RegionScopedQuerySet

if TYPE_CHECKING:  # the mixin is only ever mixed into DRF generic views
    from rest_framework.generics import GenericAPIView

    _GenericView = GenericAPIView[Any]
else:
    _GenericView = object


def region_code_of(obj: models.Model) -> str:
    """The region code of a region-owned object, following its model's REGION_CODE_PATH."""
    value: Any = obj
    for part in getattr(type(obj), "REGION_CODE_PATH", "region__code").split("__"):
        value = getattr(value, part)
    code: str = value
    return code


class RegionWritePermission(permissions.BasePermission):
    """Reads for anyone who can see the record; writes for a role that may act on its region."""

    message = gettext_lazy("您在该区域没有此操作的权限")

    def has_object_permission(self, request: Request, view: APIView, obj: Any) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return access.has_role(request.user, region_code_of(obj), getattr(view, "write_roles", ACTING_ROLES))


class RegionScopedMixin(_GenericView):
    """For DRF generic views: the queryset is the model's `visible_to(user)` of `queryset`."""

    write_roles = ACTING_ROLES

    def get_queryset(self) -> models.QuerySet[Any]:
        return cast("RegionScopedQuerySet[Any]", super().get_queryset()).visible_to(self.request.user)


class RegionScopedViewSet(RegionScopedMixin, viewsets.ModelViewSet[Any]):
    permission_classes = [permissions.IsAuthenticated, RegionWritePermission]


class RegionScopedReadOnlyViewSet(RegionScopedMixin, viewsets.ReadOnlyModelViewSet[Any]):
    permission_classes = [permissions.IsAuthenticated]


@extend_schema_field(OpenApiTypes.STR)
class ScopedRegionField(serializers.SlugRelatedField[Region]):
    """A region given by its code, limited to the requester's scope (an out-of-scope code reads as unknown)."""

    default_error_messages = {
        "does_not_exist": gettext_lazy("区划代码 {value} 不存在或不在您的权限范围内"),
        "invalid": gettext_lazy("区划代码无效"),
    }

    def __init__(self, *, levels: Sequence[str] | None = None, **kwargs: Any) -> None:
        self.levels = levels
        kwargs.setdefault("slug_field", "code")
        super().__init__(**kwargs)

    def get_queryset(self) -> RegionScopedQuerySet[Region]:
        qs = Region.objects.all()
        request = self.context.get("request")
        if request is not None:
            qs = qs.visible_to(request.user)
        if self.levels:
            qs = qs.filter(level__in=self.levels)
        return qs

    def to_internal_value(self, data: Any) -> Region:
        region = super().to_internal_value(data)
        request = self.context.get("request")
        if request is not None and self.parent is not None and not self.read_only:
            if not access.has_role(
                request.user, region.code, getattr(self.parent, "write_roles", ACTING_ROLES)
            ):
                raise serializers.ValidationError(_("您在该区域没有此操作的权限"))
        return region
