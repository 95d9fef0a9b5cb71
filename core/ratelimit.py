"""A per-IP, per-minute counter for public pages (no login) that must slow down guessing: case status look-ups,
survey codes, session sign-in codes, certificate checks. Counted in the cache (set CACHE_URL to Redis in production
so every process shares the count)."""

from __future__ import annotations

import time

from django.core.cache import cache
from django.http import HttpRequest
from django.utils.translation import gettext_lazy

LIMITED = gettext_lazy("尝试过于频繁，请稍后再试")


def client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "unknown"


def allow(request: HttpRequest, scope: str, limit: int) -> bool:
    """True while this address made at most `limit` attempts in `scope` this minute (the page answers 429 after)."""
    key = f"ratelimit:{scope}:{client_ip(request)}:{int(time.time() // 60)}"
    if cache.add(key, 1, timeout=70):
        return True
    try:
        return cache.incr(key) <= limit
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=70)
        return True
