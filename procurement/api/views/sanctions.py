"""Sanctions and debarment (一(七))."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, permissions, viewsets

from regions.api.base import RegionScopedMixin

from ... import services
from ...filters import SanctionFilterSet
from ...models import (
    Sanction,
)
from .. import serializers as s


class SanctionViewSet(
    RegionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Sanctions decided in the caller's regions (一(七)); a debarment binds in the whole province."""

    serializer_class = s.SanctionSerializer
    queryset = Sanction.objects.select_related("contractor", "region").order_by("-decided_on", "-id")
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = [DjangoFilterBackend]
    filterset_class = SanctionFilterSet

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data["terminate_contract"] = data.pop("terminates_contract", False)
        serializer.instance = services.sanction_open(actor=self.request.user, **data)
