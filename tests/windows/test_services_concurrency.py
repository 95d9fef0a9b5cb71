"""Concurrency on PostgreSQL (row locks): parallel intakes get different numbers; two people acting on one case:
one wins, the other gets 409, no event lost; parallel bookings never overbook a slot."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core.exceptions import Conflict
from tests.concurrency import run_at_once
from tests.factories.windows import id_number, make_case
from windows import services
from windows.models import AppointmentSlot, Case
from windows.services import appointment_book

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_parallel_intakes_get_different_numbers(windows, actors):
    results = run_at_once([lambda i=i: make_case(actors.township_a1, windows.a1, seq=i) for i in range(6)])
    assert all(isinstance(r, Case) for r in results), results
    numbers = {r.number for r in results}
    assert len(numbers) == 6
    assert sorted(int(n[-4:]) for n in numbers) == [1, 2, 3, 4, 5, 6]


def test_two_parallel_steps_on_one_case_one_wins_one_gets_409(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    events_before = case.events.count()
    a = Case.objects.get(pk=case.pk)
    b = Case.objects.get(pk=case.pk)
    results = run_at_once(
        [
            lambda: services.case_assign(actor=actors.township_a1, case=a, unit="甲单位"),
            lambda: services.case_assign(actor=actors.county_admin, case=b, unit="乙单位"),
        ]
    )
    wins = [r for r in results if isinstance(r, Case)]
    losses = [r for r in results if isinstance(r, Conflict)]
    assert len(wins) == 1 and len(losses) == 1, results
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.events.count() == events_before + 1
    assert fresh.events.last().to_unit == fresh.assigned_unit == wins[0].assigned_unit


def test_parallel_different_steps_one_wins(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    a = Case.objects.get(pk=case.pk)
    b = Case.objects.get(pk=case.pk)
    results = run_at_once(
        [
            lambda: services.case_withdraw(actor=actors.township_a1, case=a),
            lambda: services.case_feedback(
                actor=actors.county_admin, case=b, method="phone", content="已告知"
            ),
        ]
    )
    assert sum(isinstance(r, Conflict) for r in results) == 1, results
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.events.count() == 3  # receive, accept, and the winner's step
    assert fresh.events.last().to_status == fresh.status


def test_parallel_bookings_never_overbook(windows, actors):
    start = timezone.now() + dt.timedelta(days=1)
    slot = AppointmentSlot.objects.create(
        window=windows.a1, starts_at=start, ends_at=start + dt.timedelta(hours=1), capacity=3
    )
    results = run_at_once(
        [
            lambda i=i: appointment_book(
                actor=actors.township_a1,
                slot=AppointmentSlot.objects.select_related("window__region").get(pk=slot.pk),
                applicant_name="甲",
                id_number=id_number(i),
                phone="13900002222",
                category="dibao",
            )
            for i in range(8)
        ]
    )
    assert sum(not isinstance(r, Exception) for r in results) == 3
    assert all(isinstance(r, Conflict) for r in results if isinstance(r, Exception))
    slot.refresh_from_db()
    assert slot.booked == 3 and slot.appointments.count() == 3
