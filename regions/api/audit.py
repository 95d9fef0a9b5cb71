"""GET /api/v1/audit/records/: the security audit trail for an audit administrator's tools (filters as on
the page). Read-only: there is no write, the viewset has none (405), nor has the model (regions.audit_models)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import permissions, serializers, viewsets
from rest_framework.request import Request
from rest_framework.views import APIView

from regions import audit_selectors
from regions.audit_filters import AuditRecordFilterSet
from regions.audit_models import AuditRecord


class AuditRecordSerializer(serializers.ModelSerializer[AuditRecord]):
    class Meta:
        model = AuditRecord
        fields = [
            "seq",
            "at",
            "username",
            "address",
            "action",
            "region_code",
            "target",
            "summary",
            "changes",
            "prev_hash",
            "hash",
        ]
        read_only_fields = fields


class AuditReader(permissions.BasePermission):
    """The audit administrator (or the superuser): anyone else gets 403."""

    message = "您没有查看审计记录的权限"

    def has_permission(self, request: Request, view: APIView) -> bool:
        return audit_selectors.may_read(request.user)


class AuditRecordViewSet(viewsets.ReadOnlyModelViewSet):  # type: ignore[type-arg]
    serializer_class = AuditRecordSerializer
    permission_classes = [permissions.IsAuthenticated, AuditReader]
    filterset_class = AuditRecordFilterSet
    lookup_field = "seq"

    def get_queryset(self) -> QuerySet[AuditRecord]:
        user: Any = self.request.user
        return audit_selectors.records_visible_to(user)
