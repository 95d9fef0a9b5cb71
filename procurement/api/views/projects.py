"""Projects through the five stages (一(四)): the steps, bids, scores and the ranking with each contractor's
published evaluation results (一(六))."""

from __future__ import annotations

from django.db.models import Prefetch
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a ValueError
from rest_framework.response import Response

from core.api.steps import StepActionsMixin
from regions.api.base import RegionScopedMixin, RegionWritePermission

from ... import selectors, services
from ...filters import ProjectFilterSet
from ...models import (
    Bid,
    Project,
    ProjectEvent,
)
from .. import serializers as s
from .common import PARSERS


class ProjectViewSet(
    StepActionsMixin,
    RegionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Projects through the five stages (一(四)); each step is a POST action (409 when not allowed now)."""

    step_target = "project"

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

    def step_response(self, obj):
        return self._answer(obj)

    @extend_schema(request=s.PublishSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """A response period shorter than the law's answers 400 with code response_period_too_short (domain.md 12;
        the code rides on the service's ValidationError, core.api.errors puts it in the answer)."""
        return self.run_step(request, services.project_publish, s.PublishSerializer)

    @extend_schema(request=s.NoteSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"], url_path="open")
    def open_purchase(self, request, pk=None):
        return self.run_step(request, services.project_open, s.NoteSerializer)

    @extend_schema(request=s.NoteSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def award(self, request, pk=None):
        return self.run_step(request, services.project_award, s.NoteSerializer)

    @extend_schema(request=s.ReasonSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def fail(self, request, pk=None):
        return self.run_step(request, services.project_fail, s.ReasonSerializer)

    @extend_schema(request=s.NoteSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def retender(self, request, pk=None):
        return self.run_step(request, services.project_retender, s.NoteSerializer)

    @extend_schema(request=s.SwitchMethodSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"], url_path="switch-method")
    def switch_method(self, request, pk=None):
        return self.run_step(request, services.project_switch_method, s.SwitchMethodSerializer)

    @extend_schema(request=s.NoteSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def evaluate(self, request, pk=None):
        """Record that the performance evaluation (一(六)) is done."""
        return self.run_step(request, services.project_mark_evaluated, s.NoteSerializer)

    @extend_schema(request=s.ReasonSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def terminate(self, request, pk=None):
        return self.run_step(request, services.project_terminate, s.ReasonSerializer)

    @extend_schema(request=s.NoteSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self.run_step(request, services.project_close, s.NoteSerializer)

    @extend_schema(request=s.PlatformSerializer, responses=s.ProjectDetailSerializer)
    @action(detail=True, methods=["post"])
    def platform(self, request, pk=None):
        """The provincial procurement cloud platform's project number and notice links (广东省政府采购云平台)."""
        return self.run_step(request, services.project_platform_set, s.PlatformSerializer)

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
