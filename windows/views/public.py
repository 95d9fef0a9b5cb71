"""The public status page: no login, rate limited per IP, nothing personal (粤民发〔2018〕170号 二(四))."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.ratelimit import allow
from core.web import run_service

from .. import selectors, services
from ..choices import RatingChannel
from ..forms import PublicRatingForm, StatusLookupForm

#: lookups per IP per minute (settings.WINDOWS_PUBLIC_STATUS_PER_MINUTE overrides)
DEFAULT_PER_MINUTE = 20


def status(request):
    # a QR code of a receipt opens the page with the number only: ask for the phone digits, no error yet
    number = request.GET.get("number", "") if "phone_last4" not in request.GET else ""
    form = StatusLookupForm(request.GET if "phone_last4" in request.GET else None)
    result = None
    searched = False
    if form.is_bound:
        if not allow(
            request,
            "windows:status",
            getattr(settings, "WINDOWS_PUBLIC_STATUS_PER_MINUTE", DEFAULT_PER_MINUTE),
        ):
            return render(
                request,
                "windows/public_status.html",
                {"form": form, "limited": True, "number": ""},
                status=429,
            )
        if form.is_valid():
            searched = True
            result = selectors.public_status(form.cleaned_data["number"], form.cleaned_data["phone_last4"])
    return render(
        request,
        "windows/public_status.html",
        {"form": form, "result": result, "searched": searched, "number": number[:32]},
    )


@require_POST
def rate(request):
    """好差评 on the public status page: the case number and the phone's last four digits, then one rating of the
    finished case (国办发〔2019〕51号). Rate-limited with the lookups; the same answer for a wrong phone and an
    unknown number."""
    form = PublicRatingForm(request.POST)
    lookup = StatusLookupForm(request.POST)
    if not allow(
        request, "windows:status", getattr(settings, "WINDOWS_PUBLIC_STATUS_PER_MINUTE", DEFAULT_PER_MINUTE)
    ):
        return render(
            request, "windows/public_status.html", {"form": lookup, "limited": True, "number": ""}, status=429
        )
    case = (
        selectors.public_case(form.cleaned_data["number"], form.cleaned_data["phone_last4"])
        if form.is_valid()
        else None
    )
    rated = False
    if lookup.is_valid() and not form.is_valid():
        messages.error(request, _("请选择评价等级"))
    if case is not None:
        rated, _rating = run_service(
            request,
            lambda: services.rating_submit(
                case=case,
                grade=form.cleaned_data["grade"],
                comment=form.cleaned_data["comment"],
                channel=RatingChannel.ONLINE,
            ),
            success=_("感谢您的评价"),
        )
    result = selectors.public_status(request.POST.get("number", ""), request.POST.get("phone_last4", ""))
    return render(
        request,
        "windows/public_status.html",
        {"form": lookup, "result": result, "searched": True, "number": "", "rated": rated},
    )
