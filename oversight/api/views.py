"""The overview API: `GET /api/v1/overview/?region=&period=` (snapshots only) and the admin's recompute."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import rules, services
from ..selectors import overview as selectors


class OversightPeriodSerializer(serializers.Serializer[Any]):
    period = serializers.CharField(max_length=7)

    def validate_period(self, value: str) -> str:
        if rules.period_error(value):
            raise serializers.ValidationError(_("月份格式应为 YYYY-MM"), code="bad_period")
        return value


class OverviewView(APIView):
    """One region's overview for a month: its own row (`self`) and one row per child region you may see.

    `region` defaults to your widest region, `period` to the latest computed month; out of scope is 404."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses={200: None})
    def get(self, request: Request) -> Response:
        period = request.query_params.get("period") or None
        if period is not None:
            OversightPeriodSerializer(data={"period": period}).is_valid(raise_exception=True)
        view = selectors.overview(request.user, code=request.query_params.get("region"), period=period)
        return Response(
            {
                "region": view.region.code,
                "name": view.region.name,
                "period": view.period,
                "computed_at": view.computed_at,
                "self": view.own.as_api() if view.own else None,
                "children": [row.as_api() for row in view.children],
                "colours": {
                    row.code: row.colours for row in ([view.own] if view.own else []) + view.children
                },
            }
        )


class RecomputeView(APIView):
    """An admin queues the month's computation: 202."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=OversightPeriodSerializer, responses={202: None})
    def post(self, request: Request) -> Response:
        serializer = OversightPeriodSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.overview_request(actor=request.user, period=serializer.validated_data["period"])
        return Response({"period": serializer.validated_data["period"]}, status=status.HTTP_202_ACCEPTED)
