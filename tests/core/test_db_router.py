"""Dashboards and exports read from a replica when one is configured; everything else, and every write, does not."""

from __future__ import annotations

import copy

import pytest
from django.db import connections
from django.urls import reverse

from core.db import REPLICA, ReplicaRouter, read_replica, reads_from_replica
from regions.models import Region
from staffing.models import Worker

pytestmark = pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")


@pytest.fixture
def with_replica(settings):
    """A `replica` alias that mirrors the test database, as Django's TEST MIRROR does: the same connection, so the
    replica sees the test's own rows (a real replica sees them a moment later)."""
    settings.DATABASES = {**settings.DATABASES, REPLICA: copy.deepcopy(settings.DATABASES["default"])}
    connections.settings[REPLICA] = settings.DATABASES[REPLICA]
    setattr(connections._connections, REPLICA, connections["default"])
    yield settings
    delattr(connections._connections, REPLICA)
    del connections.settings[REPLICA]


def test_reads_inside_the_block_go_to_the_replica(with_replica):
    with read_replica():
        assert Worker.objects.all().db == REPLICA
        assert Region.objects.filter(code="44").db == REPLICA
    assert Worker.objects.all().db == "default"


def test_writes_never_go_to_the_replica(with_replica):
    router = ReplicaRouter()
    with read_replica():
        assert router.db_for_write(Worker) == "default"
    assert router.allow_migrate(REPLICA, "staffing") is False
    assert router.allow_migrate("default", "staffing") is True


def test_without_a_replica_configured_reads_stay_on_default(settings):
    assert REPLICA not in settings.DATABASES
    with read_replica():
        assert Worker.objects.all().db == "default"


def test_a_decorated_view_reads_from_the_replica_only_while_it_runs(with_replica):
    seen = []

    @reads_from_replica
    def view(request):
        seen.append(Worker.objects.all().db)
        return "answer"

    assert view(None) == "answer"
    assert seen == [REPLICA]
    assert Worker.objects.all().db == "default"


@pytest.mark.django_db
def test_the_roster_export_builds_its_rows_inside_a_replica_read(with_replica, actors, web, monkeypatch):
    from staffing import selectors

    seen = []
    original = selectors.roster_rows

    def recording(queryset):
        seen.append(queryset.db)
        return original(queryset)

    monkeypatch.setattr(selectors, "roster_rows", recording)
    response = web(actors.county_admin).get(reverse("staffing:worker_export"))
    assert response.status_code == 200
    assert seen == [REPLICA]
