"""The public status page: no login, rate limited per IP, nothing personal (粤民发〔2018〕170号 二(四))."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render

from core.ratelimit import allow

from .. import selectors
from ..forms import StatusLookupForm

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
