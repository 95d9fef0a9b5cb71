"""Compliance snapshots (organisers once a year; workers pre-job and rotation), roll-ups, notifications,
and the annual assessment with its reassignment through staffing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from regions.models import Notification
from staffing.models import Posting, Worker
from tests.factories.training import (
    AttendanceFactory,
    TrainingPlanFactory,
    TrainingSessionFactory,
    WorkerFactory,
    aware,
)
from training import services
from training.models import Assessment, OrganiserCompliance, WorkerCompliance
from training.tasks import compliance_recompute_task

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


class TestOrganiserSnapshots:
    def test_county_with_none_in_the_year_is_missing(self, regions):
        services.organiser_compliance_recompute(year=2025, prefix="4401", today=D(2026, 1, 5))
        assert OrganiserCompliance.objects.get(region=regions.county_a, year=2025).status == "missing"

    def test_county_with_one_in_the_year_is_done(self, regions):
        held(regions.county_a, 2025)
        services.organiser_compliance_recompute(year=2025, prefix="4401", today=D(2026, 1, 5))
        assert OrganiserCompliance.objects.get(region=regions.county_a, year=2025).status == "done"

    def test_county_with_one_in_the_previous_december_is_missing(self, regions):
        held(regions.county_a, 2024, month=12, day=30)
        services.organiser_compliance_recompute(year=2025, prefix="4401", today=D(2026, 1, 5))
        assert OrganiserCompliance.objects.get(region=regions.county_a, year=2025).status == "missing"

    def test_every_level_is_computed_and_townships_are_not_organisers(self, regions):
        held(regions.province, 2025)
        n = services.organiser_compliance_recompute(year=2025, today=D(2025, 7, 1))
        levels = set(OrganiserCompliance.objects.values_list("region__level", flat=True))
        assert levels == {"province", "city", "county"} and n == 5
        assert OrganiserCompliance.objects.get(region=regions.province).status == "done"
        assert OrganiserCompliance.objects.get(region=regions.city).status == "missing"

    def test_recompute_is_idempotent(self, regions):
        services.organiser_compliance_recompute(year=2025, today=D(2025, 7, 1))
        services.organiser_compliance_recompute(year=2025, today=D(2025, 7, 1))
        assert OrganiserCompliance.objects.filter(year=2025).count() == 5


class TestWorkerSnapshots:
    def test_pre_job_and_rotation_per_worker(self, regions):
        veteran = WorkerFactory(region=regions.a1, start_date=D(2020, 1, 1))
        newcomer = WorkerFactory(region=regions.a1, start_date=D(2025, 3, 1))
        AttendanceFactory(session=held(regions.county_a, 2025), worker=veteran, completed=True)
        services.worker_compliance_recompute(year=2025, today=D(2025, 7, 1))
        v = WorkerCompliance.objects.get(worker=veteran)
        n = WorkerCompliance.objects.get(worker=newcomer)
        assert v.rotation_status == "done"
        # the veteran never had pre-job training on file: still not compliant
        assert (v.pre_job_status, v.compliant) == ("overdue", False)
        assert (n.pre_job_status, n.rotation_status, n.pre_job_deadline) == (
            "overdue",
            "not_required",
            D(2025, 3, 31),
        )

    def test_grace_period_is_read_from_the_rule_table(self, regions):
        from training.models import TrainingRule

        TrainingRule.objects.create(effective_from=D(2025, 1, 1), pre_job_grace_days=60)
        worker = WorkerFactory(region=regions.a1, start_date=D(2025, 3, 1))
        services.worker_compliance_recompute(year=2025, today=D(2025, 4, 15))
        assert WorkerCompliance.objects.get(worker=worker).pre_job_status == "pending"

    def test_an_incomplete_attendance_does_not_count(self, regions):
        worker = WorkerFactory(region=regions.a1, start_date=D(2020, 1, 1))
        AttendanceFactory(session=held(regions.county_a, 2025), worker=worker, completed=False)
        services.worker_compliance_recompute(year=2025, today=D(2026, 1, 2))
        assert WorkerCompliance.objects.get(worker=worker).rotation_status == "missing"

    def test_a_worker_who_left_loses_the_snapshot(self, regions):
        worker = WorkerFactory(region=regions.a1)
        services.worker_compliance_recompute(year=2025, today=D(2025, 4, 1))
        Worker.objects.filter(pk=worker.pk).update(status="left")
        services.worker_compliance_recompute(year=2025, today=D(2025, 4, 1))
        assert not WorkerCompliance.objects.filter(worker=worker).exists()

    def test_county_admin_is_told_once_per_change_of_the_missing_count(self, regions, actors):
        WorkerFactory(region=regions.a1, start_date=D(2020, 1, 1))
        compliance_recompute_task(year=2025)
        compliance_recompute_task(year=2025)
        notes = Notification.objects.filter(user=actors.county_admin, kind="training_missing")
        assert notes.count() == 1
        assert "1 名" in notes.get().title
        assert not Notification.objects.filter(user=actors.outsider).exists()


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


def test_nightly_job_closes_last_year_too(regions, monkeypatch):
    from django.utils import timezone

    worker = WorkerFactory(region=regions.a1, start_date=D(2020, 1, 1))
    services.worker_compliance_recompute(year=2025, today=D(2025, 12, 1))
    assert WorkerCompliance.objects.get(worker=worker, year=2025).rotation_status == "due"
    monkeypatch.setattr(timezone, "localdate", lambda: D(2026, 1, 2))
    compliance_recompute_task()
    assert WorkerCompliance.objects.get(worker=worker, year=2025).rotation_status == "missing"
    assert WorkerCompliance.objects.get(worker=worker, year=2026).rotation_status == "due"


def test_a_past_year_is_judged_as_of_its_last_day_and_excludes_later_hires(regions):
    early = WorkerFactory(region=regions.a1, start_date=D(2025, 12, 15))
    later = WorkerFactory(region=regions.a1, start_date=D(2026, 2, 1))
    services.worker_compliance_recompute(year=2025, today=D(2026, 3, 1))
    snap = WorkerCompliance.objects.get(worker=early, year=2025)
    # on 31 December 2025 the grace period (to 14 January) was still running
    assert snap.pre_job_status == "pending"
    assert not WorkerCompliance.objects.filter(worker=later, year=2025).exists()


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
