"""The feed keeps its entries CHANGES_RETENTION_DAYS (183 by default); older ones go with their deliveries, and a
reader whose cursor lies before what was removed is told so (410 cursor_expired) with the cursor to resume from."""

from __future__ import annotations

import datetime as dt

import pytest

from changes import services
from changes.models import Change, Delivery, Webhook
from tests.factories.staffing import WorkerFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 7, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def three_entries(regions):
    """Three worker entries dated 184 days, 183 days less a second, and 1 day before NOW (seq in that order)."""
    workers = [WorkerFactory(region=regions.a1) for _ in range(3)]
    services.changes_sequence_all()
    ages = [dt.timedelta(days=184), dt.timedelta(days=183) - dt.timedelta(seconds=1), dt.timedelta(days=1)]
    entries = list(Change.objects.filter(resource="staffing.worker").order_by("seq"))
    Change.objects.filter(seq__lt=entries[0].seq).update(at=NOW - dt.timedelta(days=400))
    for entry, age in zip(entries, ages, strict=True):
        Change.objects.filter(pk=entry.pk).update(at=NOW - age)
    return workers, entries


def test_entries_older_than_183_days_are_removed_and_younger_ones_kept(three_entries, settings):
    settings.CHANGES_RETENTION_DAYS = 183
    _, entries = three_entries
    older = Change.objects.filter(
        seq__lte=entries[0].seq
    ).count()  # the reference data's entries and the first
    removed = services.changes_prune(now=NOW)
    left = list(Change.objects.order_by("seq").values_list("seq", flat=True))
    assert left == [entries[1].seq, entries[2].seq]
    assert removed == older
    assert services.pruned_through() == entries[0].seq
    # a second run the same day removes nothing more
    assert services.changes_prune(now=NOW) == 0


def test_retention_of_0_days_keeps_everything(three_entries, settings):
    settings.CHANGES_RETENTION_DAYS = 0
    before = Change.objects.count()
    assert services.changes_prune(now=NOW) == 0
    assert Change.objects.count() == before and services.pruned_through() == 0


def test_a_cursor_before_the_removed_entries_gets_410_with_the_cursor_to_resume_from(
    three_entries, settings, api, actors
):
    settings.CHANGES_RETENTION_DAYS = 183
    _, entries = three_entries
    services.changes_prune(now=NOW)
    client = api(actors.county_admin)
    for since in (0, entries[0].seq - 1):
        response = client.get("/api/v1/changes/", {"since": since})
        assert response.status_code == 410
        body = response.json()
        assert body["code"] == "cursor_expired" and "重新读取各列表" in body["detail"]
        assert body["resume_cursor"] == str(services.head())
    # at the boundary nothing after the cursor is missing: the feed answers
    response = client.get("/api/v1/changes/", {"since": entries[0].seq, "resource": "staffing.worker"})
    assert response.status_code == 200
    assert [e["cursor"] for e in response.json()["results"]] == [str(entries[1].seq), str(entries[2].seq)]


def test_the_deliveries_of_removed_entries_go_with_them(three_entries, settings, actors):
    settings.CHANGES_RETENTION_DAYS = 183
    _, entries = three_entries
    hook = Webhook.objects.create(
        owner=actors.service_account,
        name="省平台",
        url="https://province.example.gov.cn/hook",
        secret="s" * 32,
    )
    for entry in entries:
        Delivery.objects.create(webhook=hook, change=entry, event="staffing.worker.created", payload={})
    services.changes_prune(now=NOW)
    assert list(Delivery.objects.values_list("change_id", flat=True).order_by("change_id")) == [
        entries[1].pk,
        entries[2].pk,
    ]
