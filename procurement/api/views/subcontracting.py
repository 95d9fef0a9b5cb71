"""Subcontracting findings (严禁服务转包, 粤民发〔2018〕170号 一(七)): listed in the caller's regions, and the sanction
path of one (a sanction of kind subcontracting that terminates the contract and starts the takeover)."""

from __future__ import annotations

from django_filters import rest_framework as filters
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from regions.api.base import RegionScopedMixin

from ... import services
from ...choices import FindingStatus
from ...models import SubcontractingFinding
from .. import serializers as s
from .common import PARSERS


class FindingFilterSet(filters.FilterSet):
    status = filters.ChoiceFilter(choices=FindingStatus.choices)

    class Meta:
        model = SubcontractingFinding
        fields = ["contract", "status"]


class SubcontractingFindingViewSet(
    RegionScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Findings of subcontracting on the contracts the caller sees; `sanction/` takes the sanction path."""

    serializer_class = s.SubcontractingFindingSerializer
    queryset = SubcontractingFinding.objects.select_related("contract").order_by("-found_on", "-id")
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = [DjangoFilterBackend]
    filterset_class = FindingFilterSet
    parser_classes = PARSERS

    @extend_schema(request=s.SubcontractingSanctionInput, responses={201: s.SanctionSerializer})
    @action(detail=True, methods=["post"])
    def sanction(self, request, pk=None):
        """Decide the sanction (county admin): the contract is terminated and its takeover starts."""
        finding = self.get_object()
        data = s.SubcontractingSanctionInput(data=request.data)
        data.is_valid(raise_exception=True)
        sanction = services.subcontracting_sanction(
            actor=request.user, finding=finding, **data.validated_data
        )
        return Response(s.SanctionSerializer(sanction).data, status=status.HTTP_201_CREATED)
