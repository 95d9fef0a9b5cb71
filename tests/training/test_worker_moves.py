"""A reassigned worker's training rows follow them at once (issue 12 item 9): the region code kept on each
compliance row is updated in the reassignment's own transaction, not by the nightly or after-commit recompute."""

from __future__ import annotations

import datetime as dt

import pytest

from staffing.services import worker_reassign
from tests.factories.training import WorkerFactory
from training import services
from training.models import WorkerCompliance

pytestmark = pytest.mark.django_db


def test_reassignment_moves_the_training_rows_in_the_same_transaction(
    regions, actors, api, django_capture_on_commit_callbacks
):
    worker = WorkerFactory(region=regions.a1, start_date=dt.date(2020, 1, 1))
    services.worker_compliance_recompute(year=2025)
    services.worker_compliance_recompute(year=2026)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        worker_reassign(
            actor=actors.county_admin,
            worker=worker,
            to_region=regions.a2,
            reason="跨乡镇调整",
            on=dt.date(2026, 3, 2),
        )
        # nothing queued has run: the rows moved inside the reassignment itself
        assert WorkerCompliance.objects.get(worker=worker, year=2026).region_code == regions.a2.code
    assert queued  # the recompute is still queued as before
    # the year of the move follows the worker; an earlier year stays with the township served then
    assert WorkerCompliance.objects.get(worker=worker, year=2025).region_code == regions.a1.code
    url = "/api/v1/training/worker-compliance/?year=2026"
    assert [r["worker"] for r in api(actors.township_a2).get(url).json()["results"]] == [worker.pk]
    assert api(actors.township_a1).get(url).json()["results"] == []
