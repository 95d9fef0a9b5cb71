"""One error shape for the API: 400 field errors, 404 out of scope, 409 illegal or conflicting state change."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from core.exceptions import Conflict
from core.tabular import ImportRejected


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Conflict):
        return Response({"detail": exc.message, "code": exc.code}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ImportRejected):
        return Response(
            {
                "detail": _("数据有误，未保存任何记录"),
                "errors": [e.as_dict() for e in exc.errors],
            },
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, (OverflowError, DataError)):
        # a number (or text) the database cannot hold reached a query or a save: SQLite raises OverflowError,
        # PostgreSQL DataError ("integer out of range", "numeric field overflow"). The input is wrong, not the
        # server; the service's transaction has already rolled back. (Filters bound their numbers: core.filters.)
        return Response(
            {"detail": _("数值超出允许范围。"), "code": "out_of_range"}, status=status.HTTP_400_BAD_REQUEST
        )
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("未找到，或不在您的权限范围内"))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_handler(exc, context)
