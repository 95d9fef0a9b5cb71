"""Window coverage over the API (粤民发〔2018〕170号 二(一) 在乡镇（街道）、村（居）普遍设立): its serializers and view."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors


class CoverageRegionSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    synthetic = serializers.BooleanField(help_text="演示生成的村（社区），非官方区划")


class CoverageCountsSerializer(serializers.Serializer):
    townships = serializers.IntegerField()
    townships_covered = serializers.IntegerField()
    townships_uncovered = serializers.IntegerField()
    township_coverage_rate = serializers.FloatField(allow_null=True)
    villages = serializers.IntegerField()
    villages_covered = serializers.IntegerField()
    villages_uncovered = serializers.IntegerField()
    village_coverage_rate = serializers.FloatField(allow_null=True)
    villages_synthetic = serializers.IntegerField()
    windows_active = serializers.IntegerField()
    windows_incomplete = serializers.IntegerField()

    def to_representation(self, instance):
        return instance.as_dict()


class IncompleteWindowSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    region = serializers.CharField()
    missing = serializers.ListField(child=serializers.CharField())

    def to_representation(self, instance):
        window, missing = instance
        return {"id": window.pk, "name": window.name, "region": window.region.code, "missing": missing}


class CountyCoverageSerializer(serializers.Serializer):
    region = serializers.CharField()
    name = serializers.CharField()
    counts = CoverageCountsSerializer()

    def to_representation(self, instance):
        county, counts = instance
        return {"region": county.code, "name": county.name, "counts": counts.as_dict()}


class CoverageSerializer(serializers.Serializer):
    """Window coverage of a region (粤民发〔2018〕170号 二(一) 普遍设立)."""

    region = serializers.CharField(source="region.code")
    name = serializers.CharField(source="region.name")
    counts = CoverageCountsSerializer()
    townships_without_window = CoverageRegionSerializer(source="townships_without", many=True)
    villages_without_window = CoverageRegionSerializer(source="villages_without", many=True)
    incomplete_windows = IncompleteWindowSerializer(source="incomplete", many=True)
    by_county = CountyCoverageSerializer(many=True)


class CoverageView(APIView):
    """`GET /coverage/?region=`: window coverage (粤民发〔2018〕170号 二(一) 普遍设立). A county or township: counts, the
    townships and villages without an active window, the windows whose checklist is incomplete; a city or the
    province: counts and one row per county. Default region: your widest."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("region", str, description="区划代码")], responses=CoverageSerializer
    )
    def get(self, request):
        region = selectors.coverage_region(request.user, request.query_params.get("region"))
        data = selectors.window_coverage(request.user, region)
        return Response(CoverageSerializer(data).data)
