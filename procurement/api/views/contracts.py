"""Contracts with supervision, acceptance and takeover (一(四), 一(五), 一(七))."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a ValueError
from rest_framework.response import Response

from core.api.steps import StepActionsMixin
from regions.api.base import RegionScopedMixin, RegionWritePermission

from ... import services
from ...filters import ContractFilterSet
from ...models import (
    Contract,
)
from .. import serializers as s
from .common import PARSERS


class ContractViewSet(
    StepActionsMixin,
    RegionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Contracts (amount ≤ budget, no subcontracting, standards copied, takeover plan before start) with
    supervision (`monitoring/`, `financial-reports/`), `acceptance/` and `takeover/`."""

    step_target = "contract"

    serializer_class = s.ContractSerializer
    queryset = (
        Contract.objects.select_related(
            "project__purchaser", "contractor", "takeover_plan__standby_contractor"
        )
        .prefetch_related("standards", "obligations", "subcontracting_findings")
        .order_by("-signed_on", "-id")
    )
    permission_classes = [permissions.IsAuthenticated, RegionWritePermission]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ContractFilterSet
    parser_classes = PARSERS

    def _answer(self, contract, code=status.HTTP_200_OK):
        return Response(s.ContractSerializer(self.get_queryset().get(pk=contract.pk)).data, status=code)

    def step_response(self, obj):
        return self._answer(obj)

    @extend_schema(request=s.ContractCreateSerializer, responses={201: s.ContractSerializer})
    def create(self, request):
        data = s.ContractCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        contract = services.contract_create(actor=request.user, **data.validated_data)
        return self._answer(contract, status.HTTP_201_CREATED)

    @extend_schema(request=s.TakeoverPlanInput, responses=s.ContractSerializer)
    @action(detail=True, methods=["post"], url_path="takeover-plan")
    def takeover_plan(self, request, pk=None):
        return self.run_step(request, services.takeover_plan_set, s.TakeoverPlanInput)

    @extend_schema(request=None, responses=s.ContractSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self.run_step(request, services.contract_start)

    @extend_schema(
        request=s.MonitoringSerializer,
        responses={200: s.MonitoringSerializer(many=True), 201: s.MonitoringSerializer},
    )
    @action(detail=True, methods=["get", "post"], permission_classes=[permissions.IsAuthenticated])
    def monitoring(self, request, pk=None):
        contract = self.get_object()
        if request.method == "GET":
            rows = contract.monitoring.select_related("inspector").prefetch_related("outputs")
            return Response(s.MonitoringSerializer(rows, many=True).data)
        data = s.MonitoringSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        record = services.monitoring_record(actor=request.user, contract=contract, **data.validated_data)
        return Response(s.MonitoringSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.RectifiedSerializer, responses=s.MonitoringSerializer)
    @action(detail=True, methods=["post"])
    def rectified(self, request, pk=None):
        """Record that the rectification a check demanded was done."""
        contract = self.get_object()
        data = s.RectifiedSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        record = get_object_or_404(contract.monitoring, pk=values.pop("record"))
        record = services.monitoring_rectified(actor=request.user, record=record, **values)
        return Response(s.MonitoringSerializer(record).data)

    @extend_schema(
        request=s.FinancialReportSerializer,
        responses={200: s.FinancialReportSerializer(many=True), 201: s.FinancialReportSerializer},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        url_path="financial-reports",
        permission_classes=[permissions.IsAuthenticated],
    )
    def financial_reports(self, request, pk=None):
        contract = self.get_object()
        if request.method == "GET":
            reports = contract.financial_reports.prefetch_related("third_party_payments")
            return Response(s.FinancialReportSerializer(reports, many=True).data)
        data = s.FinancialReportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        report = services.financial_report_submit(
            actor=request.user, contract=contract, **data.validated_data
        )
        return Response(s.FinancialReportSerializer(report).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.AcceptanceSerializer, responses=s.AcceptanceSerializer)
    @action(detail=True, methods=["post"])
    def acceptance(self, request, pk=None):
        contract = self.get_object()
        data = s.AcceptanceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        acceptance = services.acceptance_record(actor=request.user, contract=contract, **data.validated_data)
        return Response(s.AcceptanceSerializer(acceptance).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.ReasonSerializer, responses=s.ContractSerializer)
    @action(detail=True, methods=["post"])
    def takeover(self, request, pk=None):
        """Activate the takeover plan: suspends the contract and moves every open obligation to the takeover party."""
        return self.run_step(request, services.takeover_activate, s.ReasonSerializer)
