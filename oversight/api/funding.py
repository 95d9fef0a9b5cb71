"""`/api/v1/oversight/funding/`: county funding records (a second POST for the same county and year corrects it)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from regions.api.base import RegionScopedMixin

from .. import services
from ..models import CountyFunding
from . import serializers as s


class CountyFundingViewSet(
    RegionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[CountyFunding],
):
    queryset = (
        CountyFunding.objects.select_related("region")
        .prefetch_related("transfers__recipient")
        .order_by("-year", "region__code")
    )
    serializer_class = s.OversightCountyFundingSerializer
    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=s.OversightCountyFundingSerializer, responses={201: s.OversightCountyFundingSerializer}
    )
    def create(self, request: Request) -> Response:
        data = s.OversightCountyFundingSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        record = services.funding_save(actor=request.user, **data.validated_data)
        record = self.get_queryset().get(pk=record.pk)
        return Response(s.OversightCountyFundingSerializer(record).data, status=status.HTTP_201_CREATED)
