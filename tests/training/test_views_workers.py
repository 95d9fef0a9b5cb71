"""A worker's training record page and its assessment form."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories.training import WorkerFactory
from training.models import WorkerCompliance

pytestmark = pytest.mark.django_db


def test_worker_record_and_assessment_form(regions, actors, web):
    worker = WorkerFactory(region=regions.a1, name="张三")
    c = web(actors.county_admin)
    assert "张三" in c.get(f"/training/workers/{worker.pk}/").content.decode()
    response = c.post(
        f"/training/workers/{worker.pk}/", {"year": 2025, "grade": "unsuited", "judgement": "不适宜"}
    )
    assert response.status_code == 200 and "不适宜人员须调整" in response.content.decode()
    response = c.post(
        f"/training/workers/{worker.pk}/",
        {"year": 2025, "grade": "unsuited", "judgement": "不适宜", "to_region": "440106002"},
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.region == regions.a2


def test_worker_record_of_another_county_is_404(regions, actors, web):
    worker = WorkerFactory(region=regions.b1)
    assert web(actors.county_admin).get(f"/training/workers/{worker.pk}/").status_code == 404


def test_reading_the_record_writes_no_snapshot_and_queues_its_recompute(
    regions, actors, web, django_capture_on_commit_callbacks
):
    this_year = timezone.localdate().year
    worker = WorkerFactory(region=regions.a1, name="张三", start_date=dt.date(2020, 1, 1))
    c = web(actors.county_admin)
    with django_capture_on_commit_callbacks() as queued, CaptureQueriesContext(connection) as queries:
        response = c.get(f"/training/workers/{worker.pk}/")
    assert response.status_code == 200
    # the session middleware saves the login session on every request (SESSION_SAVE_EVERY_REQUEST); nothing else
    writes = [
        q["sql"]
        for q in queries
        if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE")) and '"django_session"' not in q["sql"]
    ]
    assert writes == []
    # this year's compliance is shown as computed live (rotation still due), not saved
    assert "本年待轮训" in response.content.decode()
    assert not WorkerCompliance.objects.filter(worker=worker).exists()
    assert len(queued) == 1
    queued[0]()  # the commit: the recompute task runs (in-process, eager Celery in tests)
    assert WorkerCompliance.objects.get(worker=worker, year=this_year).rotation_status == "due"
    with django_capture_on_commit_callbacks() as queued:
        assert "本年待轮训" in c.get(f"/training/workers/{worker.pk}/").content.decode()
    assert queued == []
