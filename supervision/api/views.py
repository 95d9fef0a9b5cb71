"""Supervision API: instructions in scope (`?status=&region=&target_kind=&target_id=`), issue, answer, return, close."""

from __future__ import annotations

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.steps import StepActionsMixin
from regions.api.base import RegionScopedMixin

from .. import services
from ..filters import InstructionFilterSet
from ..models import Instruction, InstructionEvent
from ..selectors import target_for
from . import serializers as s


class InstructionViewSet(
    StepActionsMixin,
    RegionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Inspections and instructions of upper levels on a county's project, contract, window or region: the county
    sees its own, the city its counties'. POST issues one (city/province); steps: answer (county), return, close."""

    queryset = Instruction.objects.select_related("content_type").prefetch_related(
        Prefetch("events", queryset=InstructionEvent.objects.select_related("actor").order_by("at", "id"))
    )
    serializer_class = s.InstructionSerializer
    permission_classes = [permissions.IsAuthenticated]
    step_target = "instruction"

    filterset_class = InstructionFilterSet

    def get_queryset(self):
        return super().get_queryset().order_by("-created_at", "-id")

    @extend_schema(request=s.IssueSerializer, responses={201: s.InstructionSerializer})
    def create(self, request):
        data = s.IssueSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        target = target_for(request.user, values.pop("target_kind"), values.pop("target_id"))
        made = services.instruction_issue(actor=request.user, target=target, **values)
        return Response(
            self.get_serializer(self.get_queryset().get(pk=made.pk)).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=s.AnswerSerializer, responses=s.InstructionSerializer)
    @action(detail=True, methods=["post"])
    def answer(self, request, pk=None):
        return self.run_step(request, services.instruction_answer, s.AnswerSerializer)

    @extend_schema(request=s.ReturnSerializer, responses=s.InstructionSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk=None):
        return self.run_step(request, services.instruction_return, s.ReturnSerializer)

    @extend_schema(request=s.CloseSerializer, responses=s.InstructionSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self.run_step(request, services.instruction_close, s.CloseSerializer)

    def step_response(self, obj):
        return Response(self.get_serializer(self.get_queryset().get(pk=obj.pk)).data)
