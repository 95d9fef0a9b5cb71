"""Branded error pages (issue 14): 403, 404 and 500 in the reader's language (Chinese by default) with the reason,
the way back and the help contact (settings.HELP_CONTACT). Under /api/ the answer stays JSON in the shape of
core.api.errors ({"code", "detail"})."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _back(request: HttpRequest) -> str:
    """The page the reader came from, when it is one of ours (never an outside address)."""
    referer = request.META.get("HTTP_REFERER", "")
    ours = url_has_allowed_host_and_scheme(referer, {request.get_host()}, require_https=request.is_secure())
    return referer if referer and ours else ""


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    reason = str(exception or "") or _("您没有此操作的权限")
    if _is_api(request):
        return JsonResponse({"code": "permission_denied", "detail": reason}, status=403)
    context = {"reason": reason, "back": _back(request), "help_contact": settings.HELP_CONTACT}
    return render(request, "errors/403.html", context, status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    detail = _("未找到，或不在您的权限范围内")
    if _is_api(request):
        return JsonResponse({"code": "not_found", "detail": detail}, status=404)
    context = {"reason": detail, "back": _back(request), "help_contact": settings.HELP_CONTACT}
    return render(request, "errors/404.html", context, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # no context processors and no database: the error may be the database itself
    if _is_api(request):
        return JsonResponse({"code": "server_error", "detail": _("服务器内部错误，请稍后再试")}, status=500)
    page = loader.get_template("errors/500.html").render({"help_contact": settings.HELP_CONTACT})
    return HttpResponse(page, status=500)
