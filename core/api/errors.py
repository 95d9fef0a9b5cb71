"""One error shape for the API (issue 14): every error answers

    {"code": "<stable machine code>", "detail": "<message in the request's language (Accept-Language), 中文 by default>"}

and adds, for a 400 on fields, "fields" ({name: [message, ...]}, nested like the input) and "field_codes" (the same
shape with a code per message); for an import with bad rows (nothing saved), "errors" ([{row, column, message,
code}]). The codes are stable: a client branches on `code`, never on the text. GENERIC_CODES below are the ones
this handler gives; a service's Conflict carries its own (409), and docs/api-errors.md lists every code in use
(tests/core/test_api_errors.py keeps that list complete). The OpenAPI schema shows the shape (core.api.schema).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework import exceptions, status
from rest_framework.exceptions import ErrorDetail
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler

from core.exceptions import Conflict
from core.tabular import ImportRejected

#: the codes this handler answers with, and what each means (Chinese, as the rest of the product)
GENERIC_CODES: dict[str, str] = {
    "invalid": gettext_noop("提交的数据有误（逐项说明见 fields 与 field_codes）"),
    "invalid_rows": gettext_noop("导入文件有误，未保存任何记录（逐行说明见 errors）"),
    "out_of_range": gettext_noop("数值超出允许范围"),
    "parse_error": gettext_noop("请求内容无法解析"),
    "not_authenticated": gettext_noop("未登录或未提供有效令牌"),
    "authentication_failed": gettext_noop("登录信息或令牌无效"),
    "permission_denied": gettext_noop("您在该区域没有此操作的权限"),
    "not_found": gettext_noop("未找到，或不在您的权限范围内"),
    "method_not_allowed": gettext_noop("不支持该请求方法"),
    "not_acceptable": gettext_noop("无法按请求的格式答复"),
    "unsupported_media_type": gettext_noop("不支持该请求内容类型"),
    "throttled": gettext_noop("请求过于频繁，请稍后再试"),
    "conflict": gettext_noop("记录当前的状态不允许此操作"),
}


#: a field's generic codes (Django REST framework's and Django's own): never the answer's code, only in field_codes
FIELD_CODES = frozenset(
    {
        "required",
        "blank",
        "null",
        "invalid",
        "max_length",
        "min_length",
        "max_value",
        "min_value",
        "invalid_choice",
        "does_not_exist",
        "incorrect_type",
        "date",
        "datetime",
        "max_digits",
        "max_decimal_places",
        "max_whole_digits",
        "not_a_list",
        "not_a_dict",
        "empty",
        "unique",
        "overflow",
        "max_string_length",
        "invalid_image",
        "no_name",
        "make_aware",
        "unique_together",
    }
)


def _leaf_codes(codes: Any) -> set[str]:
    if isinstance(codes, dict):
        return set().union(*(_leaf_codes(v) for v in codes.values())) if codes else set()
    if isinstance(codes, list):
        return set().union(*(_leaf_codes(v) for v in codes)) if codes else set()
    return {str(codes)}


def _from_django(exc: DjangoValidationError) -> exceptions.ValidationError:
    """A model/service ValidationError as DRF's, keeping each message's code (None becomes "invalid")."""

    def details(errors: list[DjangoValidationError]) -> list[ErrorDetail]:
        out = []
        for error in errors:
            for single in error.error_list:
                message = single.message % single.params if single.params else single.message
                out.append(ErrorDetail(str(message), code=single.code or "invalid"))
        return out

    if hasattr(exc, "error_dict"):
        return exceptions.ValidationError({name: details(errs) for name, errs in exc.error_dict.items()})
    return exceptions.ValidationError({"non_field_errors": details([exc])})


def _validation_response(exc: exceptions.ValidationError) -> Response:
    fields = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
    field_codes: Any = exc.get_codes()  # the stubs differ between releases (3.18.2 narrows it)
    if not isinstance(field_codes, dict):
        field_codes = {"non_field_errors": field_codes}
    leaves = _leaf_codes(field_codes)
    code = leaves.pop() if len(leaves) == 1 else "invalid"
    if code in FIELD_CODES:
        code = "invalid"  # a field's own code stays in field_codes; the answer as a whole is "invalid"
    body = {
        "code": code,
        "detail": _("提交的数据有误，请按各项说明修改"),
        "fields": fields,
        "field_codes": field_codes,
    }
    return Response(body, status=status.HTTP_400_BAD_REQUEST)


def _translate(exc: Exception) -> Exception:
    """Django's exceptions as DRF's (404 out of scope, 403 with its reason, 400 keeping the codes)."""
    if isinstance(exc, DjangoValidationError):
        return _from_django(exc)
    if isinstance(exc, Http404):
        return exceptions.NotFound(_("未找到，或不在您的权限范围内"))
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    return exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Conflict):
        return Response({"code": exc.code, "detail": str(exc.message)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, ImportRejected):
        body = {
            "code": "invalid_rows",
            "detail": _("数据有误，未保存任何记录"),
            "errors": [e.as_dict() for e in exc.errors],
        }
        return Response(body, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, (OverflowError, DataError)):
        # a number (or text) the database cannot hold reached a query or a save: SQLite raises OverflowError,
        # PostgreSQL DataError ("integer out of range", "numeric field overflow"). The input is wrong, not the
        # server; the service's transaction has already rolled back. (Filters bound their numbers: core.filters.)
        return Response(
            {"code": "out_of_range", "detail": _("数值超出允许范围。")}, status=status.HTTP_400_BAD_REQUEST
        )
    exc = _translate(exc)
    if isinstance(exc, exceptions.ValidationError):
        return _validation_response(exc)
    response = drf_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.APIException):
        codes = exc.get_codes()
        code = codes if isinstance(codes, str) else exc.default_code
        detail = exc.detail if isinstance(exc.detail, str) else response.data.get("detail", "")
        wait = getattr(exc, "wait", None) if isinstance(exc, exceptions.Throttled) else None
        if wait is not None:
            detail = _("请求过于频繁，请在 {seconds} 秒后再试").format(seconds=int(wait))
        response.data = {"code": str(code), "detail": str(detail)}
    return response
