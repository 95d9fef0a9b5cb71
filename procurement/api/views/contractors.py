"""The guidance catalogue (一(二)) and contractors with their eligibility reviews (一(三))."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from regions.api.base import RegionScopedMixin, RegionWritePermission

from ... import services
from ...filters import ContractorFilterSet
from ...models import (
    Contractor,
    EligibilityReview,
)
from ...selectors import catalogue_visible_to
from .. import serializers as s
from .common import PARSERS


class CatalogueViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The guidance catalogue (一(二)): province-wide items and the local items of the caller's regions.
    `POST` adds a local item (county level or above)."""

    serializer_class = s.CatalogueItemSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return catalogue_visible_to(self.request.user).select_related("region")

    @extend_schema(request=s.CatalogueItemCreateSerializer, responses={201: s.CatalogueItemSerializer})
    def create(self, request):
        data = s.CatalogueItemCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        item = services.catalogue_item_create(actor=request.user, **data.validated_data)
        return Response(s.CatalogueItemSerializer(item).data, status=status.HTTP_201_CREATED)


class ContractorViewSet(
    RegionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Contractors registered in the caller's regions; credit code and kind checked (一(三), GB 32100-2015)."""

    serializer_class = s.ContractorSerializer
    queryset = Contractor.objects.select_related("region").order_by("name", "id")
    permission_classes = [permissions.IsAuthenticated, RegionWritePermission]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ContractorFilterSet
    parser_classes = PARSERS

    def perform_create(self, serializer):
        serializer.instance = services.contractor_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("region", None)
        serializer.instance = services.contractor_update(
            actor=self.request.user, contractor=serializer.instance, **data
        )

    @extend_schema(
        request=s.ReviewCreateSerializer,
        responses={200: s.ReviewSerializer(many=True), 201: s.ReviewSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        parser_classes=PARSERS,
        permission_classes=[permissions.IsAuthenticated],
    )
    def reviews(self, request, pk=None):
        """GET the contractor's eligibility reviews; POST a review (files as `evidence_<condition>`)."""
        contractor = self.get_object()
        if request.method == "GET":
            reviews = (
                # scoped like the sanctions list (issue 12 item 8): only reviews by regions the caller sees
                EligibilityReview.objects.visible_to(request.user)
                .filter(contractor=contractor)
                .select_related("region", "reviewer")
                .prefetch_related("conditions")
            )
            return Response(s.ReviewSerializer(reviews, many=True).data)
        data = s.ReviewCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        conditions = [
            {**row, "evidence_file": request.FILES.get(f"evidence_{row['condition']}")}
            for row in values.pop("conditions")
        ]
        review = services.review_create(
            actor=request.user, contractor=contractor, conditions=conditions, **values
        )
        return Response(s.ReviewSerializer(review).data, status=status.HTTP_201_CREATED)
