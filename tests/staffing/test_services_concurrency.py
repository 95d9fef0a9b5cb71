"""PostgreSQL row locks: two people acting on one worker, post or period at once cannot both win."""

from __future__ import annotations

import datetime as dt

import pytest

from core.exceptions import Conflict
from staffing import services
from staffing.models import ComplianceSnapshot, Posting, Worker
from staffing.services import compliance_recompute, worker_leave, worker_reassign
from tests.concurrency import run_at_once
from tests.factories.staffing import CaseloadFactory, WorkerFactory, credit_code, id_number

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_leaves_at_once_one_wins(regions, actors):
    worker = WorkerFactory(region=regions.a1)
    results = run_at_once(
        [
            lambda: worker_leave(actor=actors.county_admin, worker=worker, reason="离职"),
            lambda: worker_leave(
                actor=actors.county_admin, worker=worker, reason="调离", status="reassigned"
            ),
        ]
    )
    assert sum(isinstance(r, Worker) for r in results) == 1, results
    assert sum(isinstance(r, Conflict) for r in results) == 1, results
    assert Posting.objects.filter(worker=worker, kind__in=["leave", "transfer_out"]).count() == 1


def test_reassign_and_leave_at_once_keep_one_consistent_history(regions, actors):
    worker = WorkerFactory(region=regions.a1)
    run_at_once(
        [
            lambda: worker_reassign(
                actor=actors.county_admin, worker=worker, to_region=regions.a2, reason="调岗"
            ),
            lambda: worker_leave(actor=actors.county_admin, worker=worker, reason="离职"),
        ]
    )
    worker.refresh_from_db()
    open_postings = Posting.objects.filter(worker=worker, ended_on__isnull=True).count()
    # serialised by the row lock: either moved then left (nothing open), or left and the move refused
    assert open_postings == 0 and worker.status == "left"


def test_two_hires_into_the_last_opening_one_wins(regions, actors):
    round_ = services.round_create(
        actor=actors.county_admin,
        region=regions.county_a,
        title="招聘",
        round_date=dt.date(2026, 7, 1),
        dispatching_org_name="机构",
        dispatching_org_credit_code=credit_code(5),
    )
    post = services.round_post_add(
        actor=actors.county_admin, round=round_, region=regions.a1, post="township", openings=1
    )
    a, b = (
        services.candidate_add(
            actor=actors.county_admin,
            round=round_,
            name=name,
            id_number=id_number(),
            education="college",
            score="80",
        )
        for name in ("甲", "乙")
    )
    services.round_rank(actor=actors.county_admin, round=round_)
    a.refresh_from_db()
    b.refresh_from_db()
    results = run_at_once(
        [
            lambda: services.candidate_hire(actor=actors.county_admin, candidate=a, post=post),
            lambda: services.candidate_hire(actor=actors.county_admin, candidate=b, post=post),
        ]
    )
    assert sum(isinstance(r, Worker) for r in results) == 1, results
    assert Worker.objects.count() == 1


def test_parallel_recomputes_of_a_period_leave_one_row_per_region(regions):
    CaseloadFactory(region=regions.a1)
    results = run_at_once(
        [lambda: compliance_recompute("2026-10", today=dt.date(2026, 11, 1)) for _ in range(3)]
    )
    assert all(isinstance(r, int) for r in results), results
    codes = list(ComplianceSnapshot.objects.filter(period="2026-10").values_list("region_code", flat=True))
    assert len(codes) == len(set(codes)) == results[0]
