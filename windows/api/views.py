"""REST API for provincial systems and the browser: parse input, call one service, render (errors: 400/404/409)."""

from __future__ import annotations

from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a ValueError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from core.api.filtering import LeanFilterBackend
from core.api.pagination import FeedCursorPagination
from core.api.steps import StepActionsMixin
from regions.access import can_see_code
from regions.api.base import RegionScopedMixin, RegionWritePermission
from regions.personal import reveal

from .. import services
from ..filters import AppointmentFilterSet, AppointmentSlotFilterSet, CaseFilterSet, ServiceWindowFilterSet
from ..models import Appointment, AppointmentSlot, Case, ServiceWindow
from . import listing
from . import serializers as s


class CaseCursorPagination(FeedCursorPagination):
    ordering = "-id"  # the primary key: indexed and unique


class CaseViewSet(
    StepActionsMixin,
    RegionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Cases in the caller's regions, plus every case the caller first received (首问负责制).

    `POST` takes a case in; steps are POSTs on `/cases/{number}/<step>/`; `GET .../events/` is the timeline.
    """

    queryset = Case.objects.select_related("accepting_region", "household_region", "first_responder")
    serializer_class = s.CaseSerializer
    filterset_class = CaseFilterSet
    filter_backends = [LeanFilterBackend]  # CaseFilterSet's fields and errors, without a form per request
    pagination_class = CaseCursorPagination
    permission_classes = [permissions.IsAuthenticated]
    lookup_field = "number"
    lookup_value_regex = r"[0-9]+-[0-9]{8}-[0-9]+"
    step_target = "case"

    def get_queryset(self):
        region = self.request.query_params.get("region", "").strip()
        if self.action == "list" and region.isdigit() and can_see_code(self.request.user, region):
            # CaseFilterSet narrows the list to `region`, all of it in the caller's scope: the scope filter (with its
            # OR on the first responder) is implied, and left out it lets PostgreSQL read the page in index order
            return self.queryset.all()
        return super().get_queryset()

    def list(self, request, *args, **kwargs):
        """One page, newest first (a cursor: `next`/`previous`, no count), serialised from `.values()`."""
        cases = self.filter_queryset(self.get_queryset()).values(*listing.COLUMNS)
        page = listing.with_region_codes(self.paginate_queryset(cases) or [])
        return self.get_paginated_response(listing.case_rows(page, timezone.localdate()))

    @extend_schema(request=s.CaseCreateSerializer, responses={201: s.CaseSerializer})
    def create(self, request):
        data = s.CaseCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        intake = services.case_receive(actor=request.user, **data.validated_data)
        # CaseSerializer's fields, key for key (tests), from the case in memory
        body = listing.case_rows([listing.values_of(intake.case)], timezone.localdate())[0]
        body["duplicates"] = intake.duplicates  # open cases of the same kind the caller may see
        if intake.elsewhere:  # others exist outside the caller's scope: never their numbers (issue 12 item 2)
            body["duplicates_elsewhere"] = services.ELSEWHERE
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.NoteSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def accept(self, request, number=None):
        return self.run_step(request, services.case_accept, s.NoteSerializer)

    @extend_schema(request=s.AssignSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def assign(self, request, number=None):
        return self.run_step(request, services.case_assign, s.AssignSerializer)

    @extend_schema(request=s.TransferSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def transfer(self, request, number=None):
        return self.run_step(request, services.case_transfer, s.TransferSerializer)

    @extend_schema(request=s.FeedbackSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def feedback(self, request, number=None):
        return self.run_step(request, services.case_feedback, s.FeedbackSerializer)

    @extend_schema(request=s.NoteSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, number=None):
        return self.run_step(request, services.case_close, s.NoteSerializer)

    @extend_schema(request=s.RejectSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, number=None):
        return self.run_step(request, services.case_reject, s.RejectSerializer)

    @extend_schema(request=s.NoteSerializer, responses=s.CaseSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, number=None):
        return self.run_step(request, services.case_withdraw, s.NoteSerializer)

    @extend_schema(responses=s.CaseEventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filterset_class=None)
    def events(self, request, number=None):
        case = self.get_object()
        events = case.events.select_related("actor").order_by("id")
        return Response(s.CaseEventSerializer(events, many=True).data)

    @extend_schema(methods=["GET"], responses=s.CaseAttachmentSerializer(many=True))
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": s.AttachmentUploadSerializer},
        responses={201: s.CaseAttachmentSerializer(many=True)},
    )
    @action(
        detail=True,
        methods=["get", "post"],
        pagination_class=None,
        filterset_class=None,
        parser_classes=[MultiPartParser, FormParser],
    )
    def attachments(self, request, number=None):
        """The case's documents (`GET`), or add some (`POST` multipart `files`); download at `attachments/{id}/`."""
        case = self.get_object()
        if request.method == "POST":
            data = s.AttachmentUploadSerializer(data={"files": request.FILES.getlist("files")})
            data.is_valid(raise_exception=True)
            made = services.case_attach(actor=request.user, case=case, files=data.validated_data["files"])
            return Response(s.CaseAttachmentSerializer(made, many=True).data, status=status.HTTP_201_CREATED)
        items = case.attachments.select_related("uploaded_by")
        return Response(s.CaseAttachmentSerializer(items, many=True).data)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(
        detail=True,
        methods=["get"],
        url_path=r"attachments/(?P<attachment_id>[0-9]+)",
        pagination_class=None,
        filterset_class=None,
    )
    def attachment_file(self, request, number=None, attachment_id=None):
        """Download one document (scoped like the case: 404 out of scope)."""
        case = self.get_object()
        attachment = get_object_or_404(case.attachments, pk=attachment_id)
        return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)

    @extend_schema(request=s.RevealSerializer, responses={200: dict})
    @action(detail=True, methods=["post"], filterset_class=None)
    def reveal(self, request, number=None):
        """The full ID number or phone, for a role that needs it; every call is logged (PersonalDataAccess)."""
        case = self.get_object()
        data = s.RevealSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        value = reveal(
            request.user,
            case,
            data.validated_data["field"],
            region_code=case.region_code,
            reason=data.validated_data["reason"],
        )
        return Response({"field": data.validated_data["field"], "value": value})


class ServiceWindowViewSet(RegionScopedMixin, viewsets.ModelViewSet):
    """Windows of townships and villages: checklist, hours, staff on duty."""

    queryset = ServiceWindow.objects.select_related("region", "duty_officer").prefetch_related("staff")
    serializer_class = s.ServiceWindowSerializer
    filterset_class = ServiceWindowFilterSet
    permission_classes = [permissions.IsAuthenticated, RegionWritePermission]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def _save(self, request, window=None, partial=False):
        data = s.WindowWriteSerializer(
            window, data=request.data, partial=partial, context={"request": request}
        )
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        region = values.pop("region", window.region if window else None)
        staff = values.pop("staff", list(window.staff.all()) if window else [])
        duty_officer = values.pop("duty_officer", window.duty_officer if window else None)
        saved = services.window_save(
            actor=request.user, window=window, region=region, staff=staff, duty_officer=duty_officer, **values
        )
        return s.ServiceWindowSerializer(saved, context={"request": request}).data

    @extend_schema(request=s.WindowWriteSerializer)
    def create(self, request, *args, **kwargs):
        return Response(self._save(request), status=status.HTTP_201_CREATED)

    @extend_schema(request=s.WindowWriteSerializer)
    def update(self, request, *args, **kwargs):
        window = self.get_object()
        return Response(self._save(request, window, partial=kwargs.get("partial", False)))


class AppointmentSlotViewSet(
    RegionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Bookable periods of the windows in scope (`?window=&date_from=&available=true`)."""

    queryset = AppointmentSlot.objects.select_related("window")
    serializer_class = s.AppointmentSlotSerializer
    filterset_class = AppointmentSlotFilterSet
    permission_classes = [permissions.IsAuthenticated]

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.slot_create(
            actor=self.request.user,
            window=data["window"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            capacity=data["capacity"],
        )


class AppointmentViewSet(
    RegionScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Bookings (网上预约): `POST` books a place (409 when full); `cancel/`, `no_show/`, `convert/` (into a case)."""

    queryset = Appointment.objects.select_related("slot", "case")
    serializer_class = s.AppointmentSerializer
    filterset_class = AppointmentFilterSet
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(request=s.AppointmentBookSerializer, responses={201: s.AppointmentSerializer})
    def create(self, request):
        data = s.AppointmentBookSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        appointment = services.appointment_book(actor=request.user, **data.validated_data)
        return Response(s.AppointmentSerializer(appointment).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=s.AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        appointment = services.appointment_cancel(actor=request.user, appointment=self.get_object())
        return Response(s.AppointmentSerializer(appointment).data)

    @extend_schema(request=None, responses=s.AppointmentSerializer)
    @action(detail=True, methods=["post"], url_path="no-show")
    def no_show(self, request, pk=None):
        appointment = services.appointment_no_show(actor=request.user, appointment=self.get_object())
        return Response(s.AppointmentSerializer(appointment).data)

    @extend_schema(request=s.AppointmentConvertSerializer, responses={201: s.CaseSerializer})
    @action(detail=True, methods=["post"])
    def convert(self, request, pk=None):
        appointment = self.get_object()
        data = s.AppointmentConvertSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        intake = services.appointment_convert(
            actor=request.user, appointment=appointment, **data.validated_data
        )
        return Response(s.CaseSerializer(intake.case).data, status=status.HTTP_201_CREATED)
