"""Concurrent attendance on one session (PostgreSQL row locks): one sign-in wins, capacity holds."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.exceptions import Conflict
from tests.concurrency import run_at_once
from tests.factories.training import TrainingPlanFactory, TrainingSessionFactory, WorkerFactory
from training import services
from training.models import Attendance

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_the_same_worker_signed_in_twice_at_once_is_recorded_once(regions, actors):
    session = TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a))
    worker = WorkerFactory(region=regions.a1)
    results = run_at_once(
        [lambda: services.attendance_sign_in(actor=actors.county_staff, session=session, worker=worker)] * 2
    )
    assert sum(isinstance(r, Attendance) for r in results) == 1
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    assert Attendance.objects.count() == 1


def test_capacity_holds_under_parallel_sign_ins(regions, actors):
    session = TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a), capacity=2)
    workers = [WorkerFactory(region=regions.a1) for _ in range(5)]
    run_at_once(
        [
            lambda w=w: services.attendance_sign_in(actor=actors.county_staff, session=session, worker=w)
            for w in workers
        ]
    )
    assert Attendance.objects.filter(session=session).count() == 2


def test_sign_in_racing_completion_either_lands_before_or_is_refused(regions, actors):
    session = TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a))
    worker = WorkerFactory(region=regions.a1)
    results = run_at_once(
        [
            lambda: services.attendance_sign_in(actor=actors.county_staff, session=session, worker=worker),
            lambda: services.session_complete(actor=actors.county_admin, session=session),
        ]
    )
    if isinstance(results[0], Attendance):
        # signed in first: completion saw it and decided it
        assert Attendance.objects.get().completed
    else:
        assert isinstance(results[0], Conflict)
        assert not Attendance.objects.exists()
