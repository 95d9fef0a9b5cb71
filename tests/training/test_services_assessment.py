"""The annual assessment, with its reassignment through staffing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from staffing.models import Posting
from tests.factories.training import (
    AttendanceFactory,
    TrainingPlanFactory,
    TrainingSessionFactory,
    WorkerFactory,
    aware,
)
from training import services
from training.models import Assessment, WorkerCompliance

pytestmark = pytest.mark.django_db

D = dt.date


def held(region, year, month=6, day=10, training_type="rotation"):
    return TrainingSessionFactory(
        plan=TrainingPlanFactory(region=region, year=year),
        status="held",
        training_type=training_type,
        starts_at=aware(year, month, day),
        ends_at=aware(year, month, day, 17),
    )


class TestAssessment:
    def test_assessment_records_the_year_and_a_suggestion(self, regions, actors):
        worker = WorkerFactory(region=regions.a1, start_date=D(2020, 1, 1))
        AttendanceFactory(
            session=held(regions.county_a, 2025), worker=worker, completed=True, score=Decimal("92")
        )
        a = services.assessment_record(
            actor=actors.county_admin, worker=worker, year=2025, grade="competent", judgement="工作认真"
        )
        assert (a.sessions_attended, a.hours, a.average_score) == (1, Decimal("6.0"), Decimal("92.0"))

    def test_unsuited_reassigns_through_staffing(self, regions, actors):
        worker = WorkerFactory(region=regions.a1)
        a = services.assessment_record(
            actor=actors.county_admin,
            worker=worker,
            year=2025,
            grade="unsuited",
            judgement="多次违规办理",
            to_region=regions.a2,
        )
        worker.refresh_from_db()
        assert worker.region == regions.a2
        assert Posting.objects.filter(worker=worker, kind="reassign", region=regions.a2).exists()
        assert "员村街道" in a.reassignment

    def test_unsuited_without_a_destination_saves_nothing(self, regions, actors):
        worker = WorkerFactory(region=regions.a1)
        with pytest.raises(ValidationError) as exc:
            services.assessment_record(
                actor=actors.county_admin, worker=worker, year=2025, grade="unsuited", judgement="x"
            )
        assert "to_region" in exc.value.message_dict
        assert Assessment.objects.count() == 0

    def test_staffing_refusal_saves_no_assessment(self, regions, actors):
        worker = WorkerFactory(region=regions.a1)
        with pytest.raises(ValidationError):
            # same region and post: staffing refuses, the assessment is rolled back with it
            services.assessment_record(
                actor=actors.county_admin,
                worker=worker,
                year=2025,
                grade="unsuited",
                judgement="x",
                to_region=regions.a1,
            )
        assert Assessment.objects.count() == 0

    def test_one_assessment_per_worker_and_year(self, regions, actors):
        worker = WorkerFactory(region=regions.a1)
        services.assessment_record(
            actor=actors.county_admin, worker=worker, year=2025, grade="basic", judgement="一般"
        )
        with pytest.raises(ValidationError):
            services.assessment_record(
                actor=actors.county_admin, worker=worker, year=2025, grade="excellent", judgement="改"
            )

    def test_township_staff_cannot_assess(self, regions, actors):
        from django.core.exceptions import PermissionDenied

        worker = WorkerFactory(region=regions.a1)
        with pytest.raises(PermissionDenied):
            services.assessment_record(
                actor=actors.township_a1, worker=worker, year=2025, grade="basic", judgement="x"
            )


def test_reassignment_moves_the_workers_snapshot(regions, actors, committed):
    from django.utils import timezone

    this_year = timezone.localdate().year
    worker = WorkerFactory(region=regions.a1)
    services.worker_compliance_recompute(year=this_year)
    with committed():
        services.assessment_record(
            actor=actors.county_admin,
            worker=worker,
            year=2025,
            grade="unsuited",
            judgement="x",
            to_region=regions.a2,
        )
    assert WorkerCompliance.objects.get(worker=worker, year=this_year).region_code == regions.a2.code
