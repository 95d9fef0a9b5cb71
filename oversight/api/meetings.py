"""`/api/v1/oversight/meetings/` and `/issues/` (with `follow-up/`), scoped by region like everything else."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from core.api.parsers import BoundedJSONParser
from regions.api.base import RegionScopedMixin, RegionWritePermission

from .. import services
from ..filters import IssueFilterSet
from ..models import Issue, Meeting
from . import serializers as s


class MeetingViewSet(
    RegionScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Meeting]
):
    queryset = Meeting.objects.select_related("region").order_by("-held_on", "-id")
    serializer_class = s.OversightMeetingSerializer
    permission_classes = [IsAuthenticated]
    parser_classes = [BoundedJSONParser, MultiPartParser, FormParser]

    @extend_schema(request=s.OversightMeetingCreateSerializer, responses={201: s.OversightMeetingSerializer})
    def create(self, request: Request) -> Response:
        data = s.OversightMeetingCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        meeting = services.meeting_create(actor=request.user, **data.validated_data)
        return Response(s.OversightMeetingSerializer(meeting).data, status=status.HTTP_201_CREATED)


class IssueViewSet(
    RegionScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Issue]
):
    queryset = Issue.objects.select_related("region").prefetch_related("follow_ups__by").order_by("id")
    serializer_class = s.OversightIssueSerializer
    permission_classes = [IsAuthenticated, RegionWritePermission]

    filterset_class = IssueFilterSet

    @extend_schema(request=s.OversightIssueCreateSerializer, responses={201: s.OversightIssueSerializer})
    def create(self, request: Request) -> Response:
        data = s.OversightIssueCreateSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        issue = services.issue_raise(actor=request.user, **data.validated_data)
        return Response(s.OversightIssueSerializer(issue).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=s.OversightFollowUpCreateSerializer, responses={201: s.OversightIssueSerializer})
    @action(detail=True, methods=["post"], url_path="follow-up")
    def follow_up(self, request: Request, pk: str | None = None) -> Response:
        issue = self.get_object()
        data = s.OversightFollowUpCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.issue_follow_up(actor=request.user, issue=issue, **data.validated_data)
        issue = self.get_queryset().get(pk=issue.pk)
        return Response(s.OversightIssueSerializer(issue).data, status=status.HTTP_201_CREATED)
