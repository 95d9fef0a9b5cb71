"""REST API of procurement: catalogue, contractors and reviews, projects with their steps, contracts with
supervision and takeover, sanctions. Views parse input and call one service; errors come back as 400/404/409."""

from __future__ import annotations

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from regions.api.base import RegionScopedMixin, RegionWritePermission

from .. import selectors, services
from ..filters import ContractFilterSet, ContractorFilterSet, ProjectFilterSet, SanctionFilterSet
from ..models import (
    Bid,
    Contract,
    Contractor,
    EligibilityReview,
    Project,
    ProjectEvent,
    Sanction,
)
from ..selectors import catalogue_visible_to
from . import serializers as s

PARSERS = [JSONParser, MultiPartParser, FormParser]


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
                EligibilityReview.objects.filter(contractor=contractor)
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


class ProjectViewSet(
    RegionScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Projects through the five stages (一(四)); each step is a POST action (409 when not allowed now)."""

    queryset = Project.objects.select_related("purchaser").prefetch_related("items", "standards", "criteria")
    permission_classes = [permissions.IsAuthenticated, RegionWritePermission]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProjectFilterSet
    parser_classes = PARSERS

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "retrieve":
            qs = qs.prefetch_related(Prefetch("events", ProjectEvent.objects.select_related("actor")))
        return qs.order_by("-year", "-id")

    def get_serializer_class(self):
        return s.ProjectDetailSerializer if self.action == "retrieve" else s.ProjectSerializer

    def _answer(self, project, code=status.HTTP_200_OK):
        project = (
            self.get_queryset()
            .prefetch_related(Prefetch("events", ProjectEvent.objects.select_related("actor")))
            .get(pk=project.pk)
        )
        return Response(s.ProjectDetailSerializer(project).data, status=code)

    @extend_schema(request=s.ProjectCreateSerializer, responses={201: s.ProjectDetailSerializer})
    def create(self, request):
        data = s.ProjectCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        project = services.project_create(actor=request.user, **data.validated_data)
        return self._answer(project, status.HTTP_201_CREATED)

    def _step(self, request, serializer_class, call):
        project = self.get_object()
        data = serializer_class(data=request.data)
        data.is_valid(raise_exception=True)
        call(project, data.validated_data)
        return self._answer(project)

    @extend_schema(request=s.PublishSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        return self._step(
            request,
            s.PublishSerializer,
            lambda p, v: services.project_publish(actor=request.user, project=p, **v),
        )

    @extend_schema(request=s.NoteSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"], url_path="open")
    def open_purchase(self, request, pk=None):
        return self._step(
            request, s.NoteSerializer, lambda p, v: services.project_open(actor=request.user, project=p, **v)
        )

    @extend_schema(request=s.NoteSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def award(self, request, pk=None):
        return self._step(
            request, s.NoteSerializer, lambda p, v: services.project_award(actor=request.user, project=p, **v)
        )

    @extend_schema(request=s.ReasonSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def fail(self, request, pk=None):
        return self._step(
            request,
            s.ReasonSerializer,
            lambda p, v: services.project_fail(actor=request.user, project=p, **v),
        )

    @extend_schema(request=s.NoteSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def retender(self, request, pk=None):
        return self._step(
            request,
            s.NoteSerializer,
            lambda p, v: services.project_retender(actor=request.user, project=p, **v),
        )

    @extend_schema(request=s.SwitchMethodSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"], url_path="switch-method")
    def switch_method(self, request, pk=None):
        return self._step(
            request,
            s.SwitchMethodSerializer,
            lambda p, v: services.project_switch_method(actor=request.user, project=p, **v),
        )

    @extend_schema(request=s.NoteSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        """Record that the performance evaluation (一(六)) is done."""
        return self._step(
            request,
            s.NoteSerializer,
            lambda p, v: services.project_mark_evaluated(actor=request.user, project=p, **v),
        )

    @extend_schema(request=s.ReasonSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def terminate(self, request, pk=None):
        return self._step(
            request,
            s.ReasonSerializer,
            lambda p, v: services.project_terminate(actor=request.user, project=p, **v),
        )

    @extend_schema(request=s.NoteSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._step(
            request, s.NoteSerializer, lambda p, v: services.project_close(actor=request.user, project=p, **v)
        )

    @extend_schema(
        request=s.BidCreateSerializer, responses={200: s.BidSerializer(many=True), 201: s.BidSerializer}
    )
    @action(detail=True, methods=["get", "post"], permission_classes=[permissions.IsAuthenticated])
    def bids(self, request, pk=None):
        """GET the bids of every round with each contractor's evaluation track record; POST registers a bid."""
        project = self.get_object()
        if request.method == "GET":
            bids = list(project.bids.select_related("contractor").order_by("-round", "id"))
            record = selectors.track_record({b.contractor_id for b in bids})
            return Response(s.BidSerializer(bids, many=True, context={"track_record": record}).data)
        data = s.BidCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        bid = services.bid_submit(actor=request.user, project=project, **data.validated_data)
        record = selectors.track_record([bid.contractor_id])
        return Response(
            s.BidSerializer(bid, context={"track_record": record}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=s.ScoreSerializer, responses=None)
    @action(detail=True, methods=["post"])
    def score(self, request, pk=None):
        """An evaluator (the caller) scores one bid per non-price criterion; answers with the ranking."""
        project = self.get_object()
        data = s.ScoreSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        bid = get_object_or_404(Bid, pk=data.validated_data["bid"], project=project)
        services.bid_score(actor=request.user, bid=bid, scores=data.validated_data["scores"])
        return Response(ranking_data(project))

    @extend_schema(request=s.InvalidateSerializer, responses=None)
    @action(detail=True, methods=["post"], url_path="invalidate-bid")
    def invalidate_bid(self, request, pk=None):
        project = self.get_object()
        data = s.InvalidateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        bid = get_object_or_404(Bid, pk=data.validated_data["bid"], project=project)
        services.bid_invalidate(actor=request.user, bid=bid, reason=data.validated_data["reason"])
        return Response(ranking_data(project))

    @extend_schema(responses=None)
    @action(detail=True, methods=["get"])
    def ranking(self, request, pk=None):
        """Totals, ranking and the breakdown per criterion of the current round's valid bids."""
        return Response(ranking_data(self.get_object()))


def ranking_data(project: Project) -> list[dict]:
    results, bids, criteria = selectors.ranking(project)
    record = selectors.track_record({b.contractor_id for b in bids.values()})
    return [
        {
            "rank": r.rank,
            "tied": r.tied,
            "bid": r.bid_id,
            "contractor": {"id": bids[r.bid_id].contractor_id, "name": bids[r.bid_id].contractor.name},
            "price": str(r.price),
            "price_score": str(r.price_score),
            "non_price_score": str(r.non_price),
            "total": str(r.total),
            "evaluators": r.evaluators,
            "breakdown": [
                {
                    "criterion": c.pk,
                    "name": c.name,
                    "weight": str(c.weight),
                    "is_price": c.is_price,
                    "score": str(r.breakdown.get(c.pk, 0)),
                }
                for c in criteria
            ],
            "track_record": record.get(bids[r.bid_id].contractor_id, []),
        }
        for r in results
    ]


class ContractViewSet(
    RegionScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Contracts (amount ≤ budget, no subcontracting, standards copied, takeover plan before start) with
    supervision (`monitoring/`, `financial-reports/`), `acceptance/` and `takeover/`."""

    serializer_class = s.ContractSerializer
    queryset = (
        Contract.objects.select_related(
            "project__purchaser", "contractor", "takeover_plan__standby_contractor"
        )
        .prefetch_related("standards", "obligations")
        .order_by("-signed_on", "-id")
    )
    permission_classes = [permissions.IsAuthenticated, RegionWritePermission]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ContractFilterSet
    parser_classes = PARSERS

    def _answer(self, contract, code=status.HTTP_200_OK):
        return Response(s.ContractSerializer(self.get_queryset().get(pk=contract.pk)).data, status=code)

    @extend_schema(request=s.ContractCreateSerializer, responses={201: s.ContractSerializer})
    def create(self, request):
        data = s.ContractCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        contract = services.contract_create(actor=request.user, **data.validated_data)
        return self._answer(contract, status.HTTP_201_CREATED)

    @extend_schema(request=s.TakeoverPlanInput, responses=s.ContractSerializer)
    @action(detail=True, methods=["post"], url_path="takeover-plan")
    def takeover_plan(self, request, pk=None):
        contract = self.get_object()
        data = s.TakeoverPlanInput(data=request.data)
        data.is_valid(raise_exception=True)
        services.takeover_plan_set(actor=request.user, contract=contract, **data.validated_data)
        return self._answer(contract)

    @extend_schema(request=None, responses=s.ContractSerializer)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        contract = self.get_object()
        services.contract_start(actor=request.user, contract=contract)
        return self._answer(contract)

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
            return Response(s.FinancialReportSerializer(contract.financial_reports.all(), many=True).data)
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
        contract = self.get_object()
        data = s.ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.takeover_activate(
            actor=request.user, contract=contract, reason=data.validated_data["reason"]
        )
        return self._answer(contract)


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
