from __future__ import annotations

import os

import pytest

from regions.models import Region
from regions.tasks import load_regions_task

GOOD = "code,name,level,parent_code\n44,广东省,province,\n4401,广州市,city,44\n"


@pytest.mark.django_db
def test_load_regions_task_loads_the_file(tmp_path):
    path = tmp_path / "r.csv"
    path.write_text(GOOD, encoding="utf-8")
    assert load_regions_task.delay(str(path)).get() == {"created": 2, "updated": 0, "unchanged": 0}
    assert Region.objects.count() == 2


@pytest.mark.celery_integration
@pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="needs CELERY_BROKER_URL (Redis)")
@pytest.mark.django_db(transaction=True)
def test_real_worker_runs_the_task_through_redis(tmp_path):
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    path = tmp_path / "r.csv"
    path.write_text(GOOD, encoding="utf-8")
    with start_worker(app, perform_ping_check=False, pool="solo", concurrency=1, loglevel="WARNING"):
        result = load_regions_task.delay(str(path))
        assert result.get(timeout=60) == {"created": 2, "updated": 0, "unchanged": 0}
    assert Region.objects.filter(code="4401").exists()
