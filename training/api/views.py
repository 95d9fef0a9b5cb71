"""Training API: plans, sessions (+ attendance), compliance roll-ups, public certificate verification."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a ValueError
from rest_framework.parsers import MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from core.api.steps import StepActionsMixin
from core.tabular import UnreadableFile
from regions.api.base import RegionScopedMixin, RegionScopedViewSet

from .. import services
from ..filters import (
    AttendanceFilterSet,
    TrainingPlanFilterSet,
    TrainingSessionFilterSet,
    WorkerComplianceFilterSet,
)
from ..models import (
    Assessment,
    Attendance,
    PlannedTraining,
    PriorTraining,
    TrainingPlan,
    TrainingSession,
    WorkerCompliance,
)
from ..selectors import compliance_rollup, session_attendances, visible_region
from .serializers import (
    AssessmentSerializer,
    AttendanceSerializer,
    CancelSerializer,
    CertificatePublicSerializer,
    ComplianceSerializer,
    FinaliseSerializer,
    InvitationSerializer,
    PlannedTrainingSerializer,
    PriorTrainingSerializer,
    TrainingPlanSerializer,
    TrainingSessionSerializer,
    UploadSerializer,
    WorkerComplianceSerializer,
)


class SessionAttendanceMixin:
    """`GET/POST /sessions/{id}/attendance/`, `POST /sessions/{id}/attendance/upload/`, `POST /{id}/invitations/`."""

    @action(detail=True, methods=["get", "post"], url_path="attendance")
    def attendance(self, request, pk=None):
        session = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(session_attendances(session))
            return self.get_paginated_response(
                AttendanceSerializer(page, many=True, context={"request": request}).data
            )
        serializer = AttendanceSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        made = services.attendance_sign_in(
            actor=request.user,
            session=session,
            worker=data["worker"],
            hours=data.get("hours"),
            score=data.get("score"),
        )
        return Response(
            AttendanceSerializer(made, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    @action(detail=True, methods=["post"], url_path="attendance/upload", parser_classes=[MultiPartParser])
    def attendance_upload(self, request, pk=None):
        session = self.get_object()
        serializer = UploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        try:
            made = services.attendance_import(
                actor=request.user, session=session, file=upload, filename=upload.name
            )
        except UnreadableFile as exc:
            raise DRFValidationError({"file": str(exc)}) from None
        return Response({"created": len(made)}, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def invitations(self, request, pk=None):
        session = self.get_object()
        serializer = InvitationSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        made = services.invitation_create(
            actor=request.user, session=session, workers=serializer.validated_data["workers"]
        )
        return Response({"invited": len(made)}, status=status.HTTP_201_CREATED)


class TrainingPlanViewSet(StepActionsMixin, RegionScopedViewSet):
    """Annual plans of province/city/county organisers, with their planned trainings.

    POST creates a plan (optionally with `items`); `POST /plans/{id}/items/` adds a planned training;
    `POST /plans/{id}/finalise/` marks it final. `missing_types` lists the required types it lacks.
    """

    step_target = "plan"

    queryset = TrainingPlan.objects.select_related("region").prefetch_related(
        Prefetch("items", queryset=PlannedTraining.objects.order_by("month", "id"))
    )
    serializer_class = TrainingPlanSerializer
    filterset_class = TrainingPlanFilterSet
    # DELETE only for a planned training (`/plans/{id}/items/{item}/`); a plan itself is never deleted
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def destroy(self, request, *args, **kwargs):
        raise MethodNotAllowed("DELETE")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        items = data.pop("items", [])
        with transaction.atomic():
            plan = services.plan_create(actor=self.request.user, **data)
            for item in items:
                services.planned_training_create(actor=self.request.user, plan=plan, **item)
        serializer.instance = plan

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("items", None)
        serializer.instance = services.plan_update(actor=self.request.user, plan=serializer.instance, **data)

    @extend_schema(request=FinaliseSerializer, responses=TrainingPlanSerializer)
    @action(detail=True, methods=["post"])
    def finalise(self, request, pk=None):
        """Mark the plan final: it holds all three required types, or `reason` records why not (400 otherwise)."""
        return self.run_step(request, services.plan_finalise, FinaliseSerializer)

    @action(detail=True, methods=["post"])
    def items(self, request, pk=None):
        plan = self.get_object()
        serializer = PlannedTrainingSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        item = services.planned_training_create(actor=request.user, plan=plan, **serializer.validated_data)
        return Response(PlannedTrainingSerializer(item).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["patch", "delete"], url_path=r"items/(?P<item_id>[0-9]+)")
    def item(self, request, pk=None, item_id=None):
        """PATCH or DELETE one planned training of the plan."""
        plan = self.get_object()
        item = get_object_or_404(PlannedTraining, pk=item_id, plan=plan)
        if request.method == "DELETE":
            services.planned_training_delete(actor=request.user, item=item)
            return Response(status=status.HTTP_204_NO_CONTENT)
        serializer = PlannedTrainingSerializer(item, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        item = services.planned_training_update(actor=request.user, item=item, **serializer.validated_data)
        return Response(PlannedTrainingSerializer(item).data)


class PriorTrainingViewSet(
    RegionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Training before the system (`?worker=&training_type=`): POST records one with its evidence; it counts as
    the training of its type (粤民发〔2018〕170号 二(五))."""

    permission_classes = [IsAuthenticated]
    queryset = PriorTraining.objects.select_related("worker").order_by("-completed_on", "-id")
    serializer_class = PriorTrainingSerializer
    filterset_fields = ["worker", "training_type"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.prior_training_record(actor=self.request.user, **data)


class TrainingSessionViewSet(SessionAttendanceMixin, RegionScopedViewSet):
    """Sessions: `?year=&region=&status=&training_type=`; POST `/{id}/complete/`, `/{id}/cancel/`."""

    queryset = (
        TrainingSession.objects.select_related("region", "plan")
        .annotate(attendance_count=Count("attendances"))
        .order_by("-starts_at", "-id")
    )
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


class AttendanceViewSet(
    RegionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Attendance records of the workers in the caller's scope: `?session=&worker=&year=`; PATCH hours/score and
    DELETE a mistaken sign-in while the session is open (the organiser's acting role is required)."""

    permission_classes = [IsAuthenticated]
    queryset = Attendance.objects.select_related("worker__region", "certificate").order_by(
        "-signed_in_at", "-id"
    )
    serializer_class = AttendanceSerializer
    filterset_class = AttendanceFilterSet
    http_method_names = ["get", "patch", "delete", "head", "options"]

    def perform_update(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.attendance_update(
            actor=self.request.user,
            attendance=serializer.instance,
            hours=data.get("hours"),
            score=data.get("score"),
            clear_score="score" in data and data["score"] is None,
        )

    def perform_destroy(self, instance):
        services.attendance_remove(actor=self.request.user, attendance=instance)


class WorkerComplianceViewSet(RegionScopedMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Per-worker snapshots: `?year=&region=&compliant=false` (the list of workers missing training)."""

    permission_classes = [IsAuthenticated]
    queryset = WorkerCompliance.objects.select_related("worker").order_by("region_code", "worker_id")
    serializer_class = WorkerComplianceSerializer
    filterset_class = WorkerComplianceFilterSet


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter("year", int),
            OpenApiParameter("level", str, enum=["province", "city", "county", "township", "village"]),
            OpenApiParameter("region", str, description="区划代码"),
        ],
        responses=ComplianceSerializer,
    )
)
class ComplianceView(APIView):
    """`/compliance/?year=&level=&region=`: roll-up per region at `level` under `region` (default: your region,
    the level below it): organiser once-a-year status and worker pre-job/rotation counts."""

    permission_classes = [IsAuthenticated]

    def get(self, request):
        try:
            year = int(request.query_params.get("year") or timezone.localdate().year)
        except ValueError:
            raise DRFValidationError({"year": _("年度应为数字")}) from None
        region = visible_region(request.user, request.query_params.get("region"))
        if region is None:
            raise Http404
        level = request.query_params.get("level") or None
        rows = compliance_rollup(request.user, year=year, region=region, level=level)
        return Response(
            {
                "year": year,
                "region": region.code,
                "level": level or (rows[0].region.level if rows else None),
                "results": [row.as_dict() for row in rows],
            }
        )


@extend_schema_view(get=extend_schema(responses={200: CertificatePublicSerializer, 404: None}))
class CertificateVerifyView(APIView):
    """Public: `GET /certificates/{code}/` → the certificate's particulars (holder masked), or 404."""

    permission_classes = [AllowAny]
    authentication_classes = []
    throttle_classes = [AnonRateThrottle]

    def get(self, request, code: str):
        cert = services.certificate_verify(code)
        if cert is None:
            return Response(
                {"valid": False, "code": "not_found", "detail": _("未找到该证书")},
                status=status.HTTP_404_NOT_FOUND,
            )
        return Response(CertificatePublicSerializer(cert).data)


class AssessmentViewSet(
    RegionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Annual assessments of the workers in scope (`?year=&worker=`); POST records one (unsuited: with
    `to_region` [+ `post`] to reassign, or `transfer_out: true`)."""

    permission_classes = [IsAuthenticated]
    queryset = Assessment.objects.select_related("worker").order_by("-year", "worker_id")
    serializer_class = AssessmentSerializer
    filterset_fields = ["year", "worker"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        serializer.instance = services.assessment_record(
            actor=self.request.user,
            worker=data["worker"],
            year=data["year"],
            grade=data["grade"],
            judgement=data.get("judgement", ""),
            notes=data.get("notes", ""),
            to_region=data.get("to_region"),
            post=data.get("post") or None,
            transfer_out=data.get("transfer_out", False),
        )
