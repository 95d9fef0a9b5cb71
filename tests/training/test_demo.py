from __future__ import annotations

import io

import pytest

from training.models import Attendance, Certificate, OrganiserCompliance, TrainingPlan, WorkerCompliance

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent_and_fills_every_page(actors, web):
    from regions.demo import ensure_real_regions

    ensure_real_regions()
    from training import demo

    demo.seed(scale="county", out=io.StringIO())
    counts = (TrainingPlan.objects.count(), Attendance.objects.count(), Certificate.objects.count())
    demo.seed(scale="county", out=io.StringIO())
    assert (TrainingPlan.objects.count(), Attendance.objects.count(), Certificate.objects.count()) == counts
    assert counts[0] >= 6 and counts[1] > 0 and counts[2] > 0
    assert OrganiserCompliance.objects.filter(region__code="440106").exists()
    assert WorkerCompliance.objects.exists()
    c = web(actors.county_admin)
    for url in ("/training/", "/training/compliance/", "/training/missing/?due=1", "/training/workers/"):
        assert c.get(url).status_code == 200
