"""Concurrency on PostgreSQL (row locks): two people acting on one project or contract at once — one wins, the
other gets 409, and no event is lost or doubled."""

from __future__ import annotations

import pytest

from core.exceptions import Conflict
from procurement import services
from procurement.models import Contract, Project
from tests.concurrency import run_at_once
from tests.procurement.conftest import PLAN_PAYLOAD

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_parallel_publishes_one_wins_one_gets_409(actors, project_kwargs):
    project = services.project_create(actor=actors.county_admin, **project_kwargs())
    a, b = Project.objects.get(pk=project.pk), Project.objects.get(pk=project.pk)
    results = run_at_once(
        [
            lambda: services.project_publish(actor=actors.county_admin, project=a),
            lambda: services.project_publish(actor=actors.county_staff, project=b),
        ]
    )
    assert sum(isinstance(r, Conflict) for r in results) == 1, results
    assert project.events.filter(action="publish").count() == 1


def test_two_parallel_takeovers_move_obligations_once(actors, awarded):
    import datetime as dt

    contract = services.contract_create(
        actor=actors.county_admin,
        project=awarded.project,
        number="PG-1",
        amount="1400000.00",
        signed_on=dt.date(2026, 3, 1),
        start_date=dt.date(2026, 3, 15),
        end_date=dt.date(2027, 3, 14),
        takeover_plan=PLAN_PAYLOAD,
    )
    services.contract_start(actor=actors.county_admin, contract=contract)
    a, b = Contract.objects.get(pk=contract.pk), Contract.objects.get(pk=contract.pk)
    results = run_at_once(
        [
            lambda: services.takeover_activate(actor=actors.county_admin, contract=a, reason="停业"),
            lambda: services.takeover_activate(actor=actors.county_staff, contract=b, reason="停业"),
        ]
    )
    assert sum(isinstance(r, Conflict) for r in results) == 1, results
    assert awarded.project.events.filter(action="takeover").count() == 1


def test_a_bid_and_the_award_at_once_never_both_change_the_round(actors, purchasing, eligible):
    from tests.procurement.conftest import score_all

    project = purchasing()
    contractors = eligible(4)
    bids = [
        services.bid_submit(actor=actors.county_admin, project=project, contractor=c, price="100")
        for c in contractors[:3]
    ]
    score_all(actors.county_admin, project, {b.pk: (30, 20) for b in bids})
    results = run_at_once(
        [
            lambda: services.project_award(
                actor=actors.county_admin, project=Project.objects.get(pk=project.pk)
            ),
            lambda: services.bid_submit(
                actor=actors.county_staff,
                project=Project.objects.get(pk=project.pk),
                contractor=contractors[3],
                price="90",
            ),
        ]
    )
    project.refresh_from_db()
    late_bid_saved = project.bids.filter(contractor=contractors[3]).exists()
    if project.status == "awarded" and late_bid_saved:
        # the bid came first: it was unscored, so the award must have been refused
        pytest.fail(f"award and a later bid both succeeded: {results}")
