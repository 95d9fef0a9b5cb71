"""The public status page: no login, rate limited per IP, nothing personal (粤民发〔2018〕170号 二(四))."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

from . import selectors
from .forms import StatusLookupForm

#: lookups per IP per minute (settings.WINDOWS_PUBLIC_STATUS_PER_MINUTE overrides)
DEFAULT_PER_MINUTE = 20


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def allow(request) -> bool:
    """A cache counter per IP and minute: False once the limit is passed (the page then answers 429)."""
    import time

    limit = getattr(settings, "WINDOWS_PUBLIC_STATUS_PER_MINUTE", DEFAULT_PER_MINUTE)
    key = f"windows:status:{_client_ip(request)}:{int(time.time() // 60)}"
    if cache.add(key, 1, timeout=70):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=70)
        return True


def status(request):
    form = StatusLookupForm(request.GET or None)
    result = None
    searched = False
    if form.is_bound:
        if not allow(request):
            return render(request, "windows/public_status.html", {"form": form, "limited": True}, status=429)
        if form.is_valid():
            searched = True
            result = selectors.public_status(form.cleaned_data["number"], form.cleaned_data["phone_last4"])
    return render(
        request, "windows/public_status.html", {"form": form, "result": result, "searched": searched}
    )
