"""REST API for provincial systems: rules, caseloads (bulk upsert), workers, compliance snapshots, recompute."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.steps import StepActionsMixin
from regions.api.base import RegionScopedMixin, RegionScopedReadOnlyViewSet, RegionWritePermission

from .. import selectors
from ..filters import CaseloadFilterSet, ComplianceFilterSet, WorkerFilterSet
from ..models import Caseload, ComplianceRun, ComplianceSnapshot, StaffingRule, Worker
from ..services import (
    caseload_bulk_upsert,
    compliance_recompute_now,
    worker_create,
    worker_leave,
    worker_reassign,
)
from . import serializers as s


class StaffingRuleViewSet(viewsets.ReadOnlyModelViewSet):
    """The staffing rule table (二(二)): every bracket with its document and dates. Reference data, not scoped."""

    serializer_class = s.StaffingRuleSerializer
    queryset = StaffingRule.objects.select_related("rule_set").order_by(
        "-rule_set__effective_from", "level", "households_from"
    )
    permission_classes = [permissions.IsAuthenticated]


class CaseloadViewSet(RegionScopedReadOnlyViewSet):
    """Aid households per region and month; `POST bulk/` upserts a list all-or-nothing."""

    serializer_class = s.CaseloadSerializer
    queryset = Caseload.objects.select_related("region").order_by("-period", "region__code")
    filter_backends = [DjangoFilterBackend]
    filterset_class = CaseloadFilterSet

    @action(detail=False, methods=["post"], serializer_class=s.CaseloadBulkSerializer)
    def bulk(self, request):
        """Upsert by (region, period). 200 with {created, updated, unchanged}; 400 with every row's errors."""
        data = request.data
        rows = data if isinstance(data, list) else None
        if rows is None:
            serializer = s.CaseloadBulkSerializer(data=data)
            serializer.is_valid(raise_exception=True)
            rows = serializer.validated_data["rows"]
        if not rows or not all(isinstance(r, dict) for r in rows):
            return Response(
                {"code": "invalid", "detail": _("请提交户数记录列表")},
                status=status.HTTP_400_BAD_REQUEST,
            )
        return Response(caseload_bulk_upsert(actor=request.user, rows=rows))


class ComplianceViewSet(RegionScopedMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Compliance snapshot rows; without `period`, the latest computed period."""

    serializer_class = s.ComplianceSnapshotSerializer
    queryset = ComplianceSnapshot.objects.select_related("region").order_by("region_code")
    permission_classes = [permissions.IsAuthenticated]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ComplianceFilterSet

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "list" and not self.request.query_params.get("period"):
            qs = qs.filter(period=selectors.latest_period(self.request.user) or "")
        return qs

    @action(detail=False, methods=["post"], serializer_class=s.RecomputeSerializer)
    def recompute(self, request):
        """A province admin queues the province-wide recompute of a period (coalesced): 202 with the run's state
        (done at once without a broker). Anyone else with an acting role recomputes the areas they act in at
        once: 200 with the areas and the rows written. Viewers and service accounts: 403."""
        serializer = s.RecomputeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        period = serializer.validated_data["period"]
        done = compliance_recompute_now(actor=request.user, period=period)
        if not done.province:
            return Response({"period": period, "state": "done", "areas": done.areas, "rows": done.rows})
        run = ComplianceRun.objects.get(period=period)
        return Response(
            {
                "period": period,
                "state": run.state,
                "requested_at": run.requested_at,
                "finished_at": run.finished_at,
                "rows": run.rows,
            },
            status=status.HTTP_202_ACCEPTED,
        )


class WorkerViewSet(
    StepActionsMixin,
    RegionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Workers (ID numbers masked); create, and the posting steps `reassign/` and `leave/` as POST actions."""

    queryset = Worker.objects.select_related("region").order_by("region__code", "name", "pk")
    step_target = "worker"
    permission_classes = [permissions.IsAuthenticated, RegionWritePermission]
    filter_backends = [DjangoFilterBackend]
    filterset_class = WorkerFilterSet

    def get_serializer_class(self):
        if self.action == "retrieve":
            return s.WorkerDetailSerializer
        if self.action == "reassign":
            return s.ReassignSerializer
        if self.action == "leave":
            return s.LeaveSerializer
        return s.WorkerSerializer

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "retrieve":
            qs = qs.prefetch_related("postings__region")
        return qs

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        region = data.pop("region")
        serializer.instance = worker_create(actor=self.request.user, region=region, **data)

    def step_response(self, obj):
        obj.refresh_from_db()
        return Response(s.WorkerSerializer(obj, context=self.get_serializer_context()).data)

    @action(detail=True, methods=["post"])
    def reassign(self, request, pk=None):
        return self.run_step(request, worker_reassign, s.ReassignSerializer)

    @action(detail=True, methods=["post"])
    def leave(self, request, pk=None):
        return self.run_step(request, worker_leave, s.LeaveSerializer)
