from __future__ import annotations

from django.core.cache import cache
from django.test import RequestFactory

from core.ratelimit import allow


def test_allows_up_to_the_limit_per_address_and_scope_then_refuses():
    cache.clear()
    one = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1")
    other = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2")
    assert [allow(one, "test:scope", 3) for _ in range(4)] == [True, True, True, False]
    assert allow(other, "test:scope", 3)
    assert allow(one, "test:another", 3)
