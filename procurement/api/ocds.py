"""OCDS export (`ocds/releases/`, `projects/{id}/ocds/`) and the public debarment list as JSON."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a ValueError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import ocds, ocds_rows
from ..filters import ProjectFilterSet
from ..models import Project
from ..selectors import debarment_list
from ..services.common import today
from .serializers import DebarmentSerializer


class ReleasePagination(CursorPagination):
    """A package is one page of releases; `links.next` / `links.prev` (the OCDS packages' links object) carry the
    cursor. A cursor on the id costs the same at any depth and counts nothing."""

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
    ordering = "id"


class ReleasePackageView(generics.GenericAPIView):
    """An OCDS 1.1 release package of the projects in the caller's scope (awardCriteria = ratedCriteria), narrowed
    with the project filters (`year`, `region`, `status`, `method`, `q`), 100 releases a page (`page_size` up to
    500), oldest first; the next page is at `links.next`, absent on the last page."""

    permission_classes = [permissions.IsAuthenticated]
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProjectFilterSet
    pagination_class = ReleasePagination

    def get_queryset(self):
        return Project.objects.visible_to(self.request.user).order_by("id")

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        rows = self.filter_queryset(self.get_queryset()).values(*ocds_rows.PROJECT_COLUMNS)
        page = self.paginate_queryset(rows)
        if not page and not request.query_params.get(self.paginator.cursor_query_param):
            return Response({"code": "not_found", "detail": _("范围内没有项目")}, status=404)
        # built from rows, not prefetched model instances (issue 17): the same releases, key for key
        body = ocds.package(ocds_rows.release_projects(page or []), uri=request.build_absolute_uri())
        links = {"next": self.paginator.get_next_link(), "prev": self.paginator.get_previous_link()}
        links = {name: url for name, url in links.items() if url}
        if links:
            body["links"] = links
        return Response(body)


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
