"""Training tasks: the nightly recompute."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.training import WorkerFactory
from training import services
from training.models import WorkerCompliance
from training.tasks import compliance_recompute_task

pytestmark = pytest.mark.django_db

D = dt.date


def test_nightly_job_closes_last_year_too(regions, monkeypatch):
    from django.utils import timezone

    worker = WorkerFactory(region=regions.a1, start_date=D(2020, 1, 1))
    services.worker_compliance_recompute(year=2025, today=D(2025, 12, 1))
    assert WorkerCompliance.objects.get(worker=worker, year=2025).rotation_status == "due"
    monkeypatch.setattr(timezone, "localdate", lambda: D(2026, 1, 2))
    compliance_recompute_task()
    assert WorkerCompliance.objects.get(worker=worker, year=2025).rotation_status == "missing"
    assert WorkerCompliance.objects.get(worker=worker, year=2026).rotation_status == "due"
