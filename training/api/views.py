"""Training API: plans, sessions (+ attendance), compliance roll-ups, public certificate verification."""

from __future__ import annotations

from django.db.models import Prefetch
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response

from regions.api.base import RegionScopedViewSet

from .. import services
from ..filters import TrainingPlanFilterSet, TrainingSessionFilterSet
from ..models import PlannedTraining, TrainingPlan, TrainingSession
from .serializers import (
    CancelSerializer,
    PlannedTrainingSerializer,
    TrainingPlanSerializer,
    TrainingSessionSerializer,
)


class TrainingPlanViewSet(RegionScopedViewSet):
    """Annual plans of province/city/county organisers, with their planned trainings.

    POST creates a plan (optionally with `items`); `POST /plans/{id}/items/` adds a planned training.
    """

    queryset = TrainingPlan.objects.select_related("region").prefetch_related(
        Prefetch("items", queryset=PlannedTraining.objects.order_by("month", "id"))
    )
    serializer_class = TrainingPlanSerializer
    filterset_class = TrainingPlanFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        items = data.pop("items", [])
        from django.db import transaction

        with transaction.atomic():
            plan = services.plan_create(actor=self.request.user, **data)
            for item in items:
                services.planned_training_create(actor=self.request.user, plan=plan, **item)
        serializer.instance = plan

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("items", None)
        serializer.instance = services.plan_update(actor=self.request.user, plan=serializer.instance, **data)

    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        plan = self.get_object()
        serializer = PlannedTrainingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.planned_training_create(actor=request.user, plan=plan, **serializer.validated_data)
        return Response(PlannedTrainingSerializer(item).data, status=status.HTTP_201_CREATED)


class TrainingSessionViewSet(RegionScopedViewSet):
    """Sessions: `?year=&region=&status=&training_type=`; POST `/{id}/complete/`, `/{id}/cancel/`."""

    queryset = TrainingSession.objects.select_related("region", "plan").order_by("-starts_at", "-id")
    serializer_class = TrainingSessionSerializer
    filterset_class = TrainingSessionFilterSet
    http_method_names = ["get", "post", "patch", "head", "options"]

    def perform_create(self, serializer):
        serializer.instance = services.session_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.session_update(
            actor=self.request.user, session=serializer.instance, **serializer.validated_data
        )

    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        session = services.session_complete(actor=request.user, session=self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=session.pk)).data)

    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        serializer = CancelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = services.session_cancel(
            actor=request.user, session=self.get_object(), reason=serializer.validated_data["reason"]
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=session.pk)).data)
