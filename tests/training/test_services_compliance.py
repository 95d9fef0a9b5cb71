"""Compliance snapshots: organisers once a year; workers pre-job and rotation; notifications."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from regions.models import Notification
from staffing.models import Worker
from tests.factories.training import (
    AttendanceFactory,
    TrainingPlanFactory,
    TrainingSessionFactory,
    WorkerFactory,
    aware,
)
from training import services
from training.models import OrganiserCompliance, WorkerCompliance
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
        assert (v.pre_job_status, v.compliant) == ("awaiting", False)
        assert (n.pre_job_status, n.rotation_status, n.compliant) == ("awaiting", "not_required", False)

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


def test_a_past_year_is_judged_as_of_its_last_day_and_excludes_later_hires(regions):
    early = WorkerFactory(region=regions.a1, start_date=D(2025, 12, 15))
    later = WorkerFactory(region=regions.a1, start_date=D(2026, 2, 1))
    services.worker_compliance_recompute(year=2025, today=D(2026, 3, 1))
    snap = WorkerCompliance.objects.get(worker=early, year=2025)
    # judged on 31 December 2025: started without pre-job training, so awaiting it and not compliant
    assert (snap.pre_job_status, snap.compliant) == ("awaiting", False)
    assert not WorkerCompliance.objects.filter(worker=later, year=2025).exists()


def test_worker_recompute_costs_the_same_queries_at_any_size(regions, django_assert_num_queries):
    session = held(regions.county_a, 2025)
    for n in range(12):
        AttendanceFactory(session=session, worker=WorkerFactory(region=regions.a1), completed=bool(n % 2))
    services.worker_compliance_recompute(year=2025, today=D(2025, 7, 1))
    # again over 12 snapshots: savepoint, the audited delete of the rows of workers who left (nothing to collect),
    # then on PostgreSQL the advisory lock, JIT off for the transaction (its compile time outweighed the statement)
    # and one statement computing and writing the changed rows; elsewhere workers, attendance, prior training and
    # the snapshot rows read (nothing changed: nothing written); release
    expected = 6 if connection.vendor == "postgresql" else 7
    with django_assert_num_queries(expected):
        assert services.worker_compliance_recompute(year=2025, today=D(2025, 7, 1)) == 12
    assert WorkerCompliance.objects.filter(year=2025, rotation_status="done").count() == 6


def test_worker_recompute_is_all_or_nothing(regions, monkeypatch):
    worker = WorkerFactory(region=regions.a1, start_date=D(2020, 1, 1))
    services.worker_compliance_recompute(year=2025, today=D(2025, 7, 1))
    AttendanceFactory(session=held(regions.county_a, 2025), worker=worker, completed=True)

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    # the write fails: the transaction leaves the old rows
    monkeypatch.setattr("training.services.compliance.compliance_sql.write_changed", fail)
    monkeypatch.setattr("training.services.compliance._write_changed", fail)
    with pytest.raises(RuntimeError):
        services.worker_compliance_recompute(year=2025, today=D(2025, 7, 1))
    assert WorkerCompliance.objects.get(worker=worker, year=2025).rotation_status == "due"
