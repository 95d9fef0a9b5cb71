"""Pages of two-factor login (regions.twofactor): the code after the password, enrolment with a QR code and
recovery codes shown once, and the account's own settings (a security administrator resets another account's
second factor from that account's page: accounts.views.users.otp_reset)."""

from __future__ import annotations

import base64
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core.web import refused_status, run_service

from . import twofactor
from .audit_selectors import reference_history
from .choices import SECURITY_ADMIN_ROLES, RegionLevel
from .forms import OtpTokenForm, RegionTwoFactorForm
from .models import RegionTwoFactor

#: the levels a two-factor setting is made on (a village's accounts follow their township)
SETTABLE_LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP)


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    ok = url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure())
    return target if ok else "/"


def _codes_page(request: HttpRequest, codes: list[str]) -> HttpResponse:
    """Recovery codes, this once: never cached, never shown again."""
    response = render(request, "registration/twofactor_codes.html", {"codes": codes, "next": _next(request)})
    response["Cache-Control"] = "no-store"
    return response


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    if request.session.get(twofactor.PENDING_KEY) != "verify":
        return redirect(_next(request))
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, _result = run_service(
            request, lambda: twofactor.verify(request=request, token=form.cleaned_data["token"]), form=form
        )
        if ok:
            return redirect(_next(request))
    return render(request, "registration/twofactor_verify.html", {"form": form, "next": _next(request)})


@login_required
def enrol(request: HttpRequest) -> HttpResponse:
    """GET shows the pending device's QR code (a POST of "start" makes one); a POST of a code confirms it."""
    user: Any = request.user
    if request.session.get(twofactor.PENDING_KEY) == "verify":
        return redirect("twofactor-verify")
    form = OtpTokenForm(request.POST if request.POST.get("token") else None)
    if request.method == "POST" and "start" in request.POST:
        twofactor.enrol_start(user=user)
        return redirect(f"{request.path}?{request.GET.urlencode()}")
    if request.method == "POST" and form.is_valid():
        ok, codes = run_service(
            request,
            lambda: twofactor.enrol_confirm(request=request, token=form.cleaned_data["token"]),
            form=form,
        )
        if ok:
            return _codes_page(request, codes)
    device = twofactor.totp_device(user, confirmed=False)
    context: dict[str, Any] = {"form": form, "device": device, "next": _next(request)}
    if device is not None:
        context["qr"] = segno.make(device.config_url, error="m").svg_data_uri(scale=4)
        context["secret"] = _base32(device.bin_key)
    response = render(request, "registration/twofactor_enrol.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _base32(key: bytes) -> str:
    """The key as an authenticator app's manual entry wants it: base32, in groups of four."""
    text = base64.b32encode(key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = OtpTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, codes = run_service(
            request,
            lambda: twofactor.recovery_codes_renew(request=request, token=form.cleaned_data["token"]),
            form=form,
        )
        if ok:
            return _codes_page(request, codes)
    context = {
        "form": form,
        "enrolled": twofactor.is_enrolled(user),
        "required": twofactor.is_required(user),
        "resets_others": twofactor.may_reset_someone(user),
    }
    return render(request, "registration/twofactor_settings.html", context)


def _region_choices(user: Any) -> list[tuple[str, str]]:
    """The regions down to townships where the user is the security administrator (the superuser: all)."""
    regions = twofactor.settable_regions(user).filter(level__in=SETTABLE_LEVELS).order_by("code")[:2000]
    return [(r.code, f"{r.name}（{r.code}）") for r in regions]


@login_required
def region_settings(request: HttpRequest) -> HttpResponse:
    """A security administrator's page: which regions of its area require a second factor of everyone working
    there, the form to change one, and the history of the changes."""
    user: Any = request.user
    if not twofactor.may_reset_someone(user):
        raise Http404
    form = RegionTwoFactorForm(request.POST or None, regions=_region_choices(user))
    status = 200
    if request.method == "POST":
        ok = False
        if form.is_valid():
            data = form.cleaned_data
            ok, _result = run_service(
                request,
                lambda: twofactor.region_setting_set(
                    actor=user, region_code=data["region"], choice=data["choice"]
                ),
                form=form,
                success=_("已保存双因素认证要求"),
            )
        if ok:
            return redirect("twofactor-regions")
        status = refused_status(request)
    context = {
        "form": form,
        "rows": twofactor.region_settings_visible(user),
        "default_regions": settings.TWO_FACTOR_REQUIRED_REGIONS,
        "history": reference_history(user, [RegionTwoFactor], roles=SECURITY_ADMIN_ROLES),
    }
    return render(request, "registration/twofactor_regions.html", context, status=status)
