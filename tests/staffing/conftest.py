from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps


@pytest.fixture(autouse=True)
def _staffing_rules_seeded(request):
    """The rule table comes from a data migration; a transactional test elsewhere flushes it, so seed it again
    (idempotent) for every test that uses the database."""
    if not any(
        name in request.fixturenames for name in ("db", "transactional_db")
    ) and not request.node.get_closest_marker("django_db"):
        return
    request.getfixturevalue("transactional_db" if _is_transactional(request) else "db")
    import_module("staffing.migrations.0002_seed_rules").seed(apps, None)


def _is_transactional(request) -> bool:
    marker = request.node.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
