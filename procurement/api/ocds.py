"""OCDS export (`ocds/releases/`, `projects/{id}/ocds/`) and the public debarment list as JSON."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a ValueError
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import ocds
from ..filters import ProjectFilterSet
from ..models import Project
from ..selectors import debarment_list
from ..services.common import today
from .serializers import DebarmentSerializer


class ReleasePackageView(generics.GenericAPIView):
    """An OCDS 1.1 release package of every project in the caller's scope (awardCriteria = ratedCriteria),
    narrowed with the project filters (`year`, `region`, `status`, `method`, `q`)."""

    permission_classes = [permissions.IsAuthenticated]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProjectFilterSet
    pagination_class = None

    def get_queryset(self):
        return Project.objects.visible_to(self.request.user).order_by("id")

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        projects = ocds.releases_queryset(self.filter_queryset(self.get_queryset()))
        if not projects.exists():
            return Response({"detail": _("范围内没有项目")}, status=404)
        return Response(ocds.package(projects, uri=request.build_absolute_uri()))


class ProjectReleaseView(APIView):
    """The OCDS 1.1 release package of one project in scope."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request, pk: int):
        qs = ocds.releases_queryset(Project.objects.visible_to(request.user))
        project = get_object_or_404(qs, pk=pk)
        return Response(ocds.package([project], uri=request.build_absolute_uri()))


class DebarmentListView(generics.ListAPIView):
    """The debarment list (public, organisations only): debarments in force or still to come."""

    permission_classes = [permissions.AllowAny]
    serializer_class = DebarmentSerializer

    def get_queryset(self):
        return debarment_list(today())
