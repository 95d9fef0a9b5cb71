"""API of the 办事指南 per matter (粤民发〔2018〕170号 二(一) 公示救助政策): public reads (no login; `?region=` a county or
township code adds its time limits, windows and local note), the province's edit (PUT, a province admin) and a
county's local note (POST notes/, a county admin of that county)."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from core.api.parsers import BoundedJSONParser
from regions.api.base import ScopedRegionField

from .. import guide_selectors, services


class GuideSerializer(serializers.Serializer):
    category = serializers.CharField(read_only=True)
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    eligibility = serializers.CharField()
    documents = serializers.ListField(child=serializers.CharField(max_length=200), max_length=30)
    legal_basis = serializers.CharField()
    online_url = serializers.URLField(required=False, allow_blank=True, default="")
    appointment_url = serializers.URLField(required=False, allow_blank=True, default="")
    updated_at = serializers.DateTimeField(read_only=True)


class GuideStepSerializer(serializers.Serializer):
    name = serializers.CharField()
    what = serializers.CharField()
    working_days = serializers.IntegerField(allow_null=True)
    basis = serializers.CharField(source="source", help_text="依据")


class GuideWindowSerializer(serializers.Serializer):
    name = serializers.CharField()
    region = serializers.CharField(source="region.code")
    address = serializers.CharField()
    hours = serializers.CharField()
    phone = serializers.CharField()


class GuidePageSerializer(serializers.Serializer):
    guide = GuideSerializer()
    county = serializers.CharField(source="county.code", allow_null=True, default=None)
    township = serializers.CharField(source="township.code", allow_null=True, default=None)
    steps = GuideStepSerializer(many=True)
    windows = GuideWindowSerializer(many=True)
    local_note = serializers.CharField(source="note.note", allow_null=True, default=None)


class GuideNoteInput(serializers.Serializer):
    county = ScopedRegionField(levels=["county"])
    note = serializers.CharField(allow_blank=True, max_length=2000)


class GuideWritePermission(permissions.BasePermission):
    """Reads are public; writes need a signed-in user (the services check who may write what)."""

    def has_permission(self, request, view) -> bool:
        return request.method in permissions.SAFE_METHODS or bool(
            request.user and request.user.is_authenticated
        )


class GuideViewSet(viewsets.ViewSet):
    """The guide of each matter. `GET /guides/{category}/?region=<county or township code>` adds the time limits of
    that county, its active windows (of the township) with hours and phone, and the county's local note."""

    permission_classes = [GuideWritePermission]
    throttle_classes = [AnonRateThrottle]
    parser_classes = [BoundedJSONParser]
    lookup_field = "category"
    lookup_value_regex = "[a-z_]+"

    @extend_schema(responses=GuideSerializer(many=True))
    def list(self, request):
        return Response(GuideSerializer(guide_selectors.guides(), many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("region", str, description="county or township code")],
        responses=GuidePageSerializer,
    )
    def retrieve(self, request, category=None):
        page = guide_selectors.guide_page(category or "", request.query_params.get("region", "")[:12])
        return Response(GuidePageSerializer(page).data)

    @extend_schema(request=GuideSerializer, responses=GuideSerializer)
    def update(self, request, category=None):
        guide = guide_selectors.guide_for(category or "")
        data = GuideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = services.guide_save(actor=request.user, guide=guide, **data.validated_data)
        return Response(GuideSerializer(saved).data)

    @extend_schema(request=GuideNoteInput, responses=GuidePageSerializer)
    @action(detail=True, methods=["post"])
    def notes(self, request, category=None):
        """A county's local note (empty removes it): a county admin of that county."""
        guide_selectors.guide_for(category or "")
        data = GuideNoteInput(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        county = data.validated_data["county"]
        services.guide_note_save(
            actor=request.user, region=county, category=category, note=data.validated_data["note"]
        )
        return Response(GuidePageSerializer(guide_selectors.guide_page(category or "", county.code)).data)
