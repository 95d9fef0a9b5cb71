"""The audit middleware: who acts from where for the receivers (regions.audit), and the two events seen only at
the edge of a request: a download of an Excel export (one hook for every app's views/exports.py: core.tabular marks
its responses) and the superuser's use of the admin site (等保2.0 三级: the installation account's use is audited).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

from django.http import HttpRequest, HttpResponseBase, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from core.tabular import EXPORT_ROWS_ATTRIBUTE

from . import audit, twofactor
from .choices import AuditAction

#: the session key that says this session's use of the admin site is already recorded
ADMIN_SEEN_KEY = "audit_admin_seen"


class AuditMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        with audit.request_context(request):
            self._admin_use(request)
            response = self.get_response(request)
            rows = getattr(response, EXPORT_ROWS_ATTRIBUTE, None)
            if rows is not None and response.status_code == 200:
                self._export(request, response, rows)
        return response

    @staticmethod
    def _export(request: HttpRequest, response: HttpResponseBase, rows: int) -> None:
        """Export of (possibly personal) data: the file, its rows, the filters it was asked with."""
        disposition = response.get("Content-Disposition", "")
        filename = unquote(disposition.split("''", 1)[-1]) if "''" in disposition else disposition
        region = request.GET.get("region", "")
        audit.record(
            AuditAction.EXPORT,
            request=request,
            region_code=region if region.isdigit() else None,
            target=request.path,
            summary=f"{filename} rows={rows} {request.GET.urlencode()}".strip(),
        )

    @staticmethod
    def _admin_use(request: HttpRequest) -> None:
        user: Any = getattr(request, "user", None)
        if not getattr(user, "is_authenticated", False) or not user.is_staff:
            return
        if not request.path.startswith(reverse("admin:index")) or request.session.get(ADMIN_SEEN_KEY):
            return
        request.session[ADMIN_SEEN_KEY] = True
        audit.record(AuditAction.ADMIN_USE, request=request, target=request.path, summary="admin")


class TwoFactorMiddleware:
    """While a session owes its second factor (regions.twofactor.PENDING_KEY), only the two-factor pages, log-out
    and static files answer: a page redirects to the code (or enrolment) page, the API answers 403."""

    ALLOWED_PREFIXES = (
        "/accounts/2fa/verify/",
        "/accounts/2fa/enrol/",
        "/accounts/logout/",
        "/static/",
        "/i18n/",
        "/favicon.ico",
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        pending = request.session.get(twofactor.PENDING_KEY) if hasattr(request, "session") else None
        if not pending or request.path.startswith(self.ALLOWED_PREFIXES):
            return self.get_response(request)
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": _("请先完成双因素认证"), "code": "otp_required"}, status=403)
        target = reverse("twofactor-verify" if pending == "verify" else "twofactor-enrol")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
