"""The cursor follows commits, not the order transactions began: a transaction that wrote first but commits
after a reader has passed a later one's entry is still read, behind the reader's cursor (PostgreSQL: real
concurrent transactions on two connections)."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, transaction

from changes import selectors, services
from changes.models import PendingChange
from staffing.models import Worker
from tests.factories.staffing import WorkerFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_an_early_writer_committing_late_is_not_skipped(regions, actors):
    services.changes_sequence_all()
    early, late = WorkerFactory(region=regions.a1), WorkerFactory(region=regions.a1)
    services.changes_sequence_all()
    cursor = services.head()
    wrote, release = threading.Event(), threading.Event()

    def slow_writer():
        try:
            with transaction.atomic():
                Worker.objects.filter(pk=early.pk).update(name="先写后提交")
                wrote.set()
                release.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=slow_writer)
    thread.start()
    assert wrote.wait(10)
    # the early transaction's pending row exists (uncommitted, lower id); a later one commits first
    Worker.objects.filter(pk=late.pk).update(name="后写先提交")
    services.changes_sequence_all()
    first = selectors.feed(actors.county_admin, since=cursor, resources=["staffing.worker"])
    assert [c.object_id for c in first] == [late.pk]
    cursor = first[-1].seq
    release.set()
    thread.join()
    assert PendingChange.objects.exists()
    services.changes_sequence_all()
    second = selectors.feed(actors.county_admin, since=cursor, resources=["staffing.worker"])
    assert [(c.object_id, c.action) for c in second] == [(early.pk, "updated")]
