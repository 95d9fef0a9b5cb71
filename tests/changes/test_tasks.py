"""The beat jobs of the feed and the webhooks, and the triggers' installation."""

from __future__ import annotations

import pytest
from django.db import connection

from changes import triggers
from changes.models import Change, PendingChange
from changes.tasks import changes_sequence_task, deliveries_send_due_task
from config.celery import app
from tests.factories.staffing import WorkerFactory

pytestmark = pytest.mark.django_db


def test_the_sequencer_and_the_retry_sweep_are_in_the_beat_schedule():
    assert app.conf.beat_schedule["changes-sequence"]["task"] == "changes.tasks.changes_sequence_task"
    assert (
        app.conf.beat_schedule["changes-deliveries-due"]["task"] == "changes.tasks.deliveries_send_due_task"
    )


def test_the_sequencer_task_takes_every_pending_write(regions):
    WorkerFactory(region=regions.a1)
    assert changes_sequence_task.delay().get() > 0
    assert not PendingChange.objects.exists()
    assert Change.objects.filter(resource="staffing.worker").count() == 1
    assert changes_sequence_task.delay().get() == 0


def test_the_sweep_with_nothing_due_sends_nothing(db):
    assert deliveries_send_due_task.delay().get() == 0


def test_installing_again_makes_nothing_and_a_stale_trigger_is_dropped(regions):
    assert triggers.install() == 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION chg_stale() RETURNS trigger LANGUAGE plpgsql AS $f$ BEGIN RETURN NULL; END $f$"
            )
            cursor.execute(
                "CREATE TRIGGER chg_stale AFTER INSERT ON regions_region FOR EACH STATEMENT EXECUTE FUNCTION chg_stale()"
            )
        else:
            cursor.execute("CREATE TRIGGER chg_stale AFTER INSERT ON regions_region BEGIN SELECT 1; END")
    assert triggers.install() == 0
    with connection.cursor() as cursor:
        assert "chg_stale" not in triggers._existing(cursor, connection.vendor)


def test_every_resource_table_has_its_three_triggers(db):
    with connection.cursor() as cursor:
        tables = list(triggers._existing(cursor, connection.vendor).values())
    for source in triggers.sources():
        assert tables.count(source.table) >= 3, source.table
