"""Recruitment of dispatched staff: eligibility, ranking with priorities and reasons, hiring in rank order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.exceptions import Conflict
from staffing import services
from staffing.choices import CandidateStatus, Employment, RoundStatus
from staffing.models import Candidate, Worker
from tests.factories.staffing import ROUND_DATE, add_candidate, open_round


@pytest.fixture
def round_(regions, actors):
    return open_round(actors.county_admin, regions.county_a)


def test_round_needs_a_county_and_a_valid_credit_code(regions, actors):
    with pytest.raises(ValidationError) as exc:
        services.round_create(
            actor=actors.county_admin,
            region=regions.a1,
            title="x",
            round_date=ROUND_DATE,
            dispatching_org_name="某机构",
            dispatching_org_credit_code="91440101MA00000000",
        )
    assert {"region", "dispatching_org_credit_code"} <= set(exc.value.message_dict)


def test_ranking_uses_score_then_priorities_and_says_why(actors, round_):
    add_candidate(actors.county_admin, round_, "普通", "85")
    add_candidate(actors.county_admin, round_, "退役", "85", veteran=True)
    add_candidate(
        actors.county_admin,
        round_,
        "应届",
        "85",
        birth=dt.date(2003, 5, 1),
        graduation_date=dt.date(2026, 6, 30),
    )
    add_candidate(actors.county_admin, round_, "高分", "92")
    add_candidate(actors.county_admin, round_, "高中", "99", education="secondary")
    ranked = services.round_rank(actor=actors.county_admin, round=round_)
    assert [(c.name, c.rank) for c in ranked] == [
        ("高分", 1),
        ("退役", 2),
        ("应届", 2),
        ("普通", 4),
        ("高中", None),
    ]
    by_name = {c.name: c for c in Candidate.objects.all()}
    assert "退役军人" in by_name["退役"].rank_reason and "30岁以下应届毕业生" in by_name["应届"].rank_reason
    assert "大专" in by_name["高中"].rank_reason and by_name["高中"].eligible is False
    round_.refresh_from_db()
    assert round_.status == RoundStatus.RANKED


def test_applications_close_once_ranked(actors, round_):
    services.round_rank(actor=actors.county_admin, round=round_)
    round_.refresh_from_db()
    with pytest.raises(Conflict):
        add_candidate(actors.county_admin, round_, "迟到", "90")


def test_bad_candidate_input_is_rejected_by_field(actors, round_):
    # 44010619900101123: sum 194, mod 11 = 7 → the check character is 5, not 4
    with pytest.raises(ValidationError) as exc:
        services.candidate_add(
            actor=actors.county_admin, round=round_, name="错", id_number="440106199001011234", score="120"
        )
    assert {"id_number", "score"} <= set(exc.value.message_dict)


def test_hiring_in_rank_order_creates_a_dispatched_worker(regions, actors, round_):
    post = services.round_post_add(
        actor=actors.county_admin, round=round_, region=regions.a1, post="township", openings=1
    )
    first = add_candidate(actors.county_admin, round_, "第一", "90")
    second = add_candidate(actors.county_admin, round_, "第二", "80")
    services.round_rank(actor=actors.county_admin, round=round_)
    second.refresh_from_db()
    first.refresh_from_db()
    with pytest.raises(Conflict):  # 第一 ranks better and is still waiting
        services.candidate_hire(actor=actors.county_admin, candidate=second, post=post)
    worker = services.candidate_hire(actor=actors.county_admin, candidate=first, post=post)
    assert (worker.region, worker.employment, worker.dispatching_org_name) == (
        regions.a1,
        Employment.DISPATCHED,
        "天河区社工服务中心",
    )
    first.refresh_from_db()
    assert first.status == CandidateStatus.HIRED and first.worker == worker
    with pytest.raises(Conflict):  # the post is full
        services.candidate_hire(actor=actors.county_admin, candidate=second, post=post)
    assert Worker.objects.count() == 1


def test_a_declined_candidate_lets_the_next_be_hired(regions, actors, round_):
    post = services.round_post_add(
        actor=actors.county_admin, round=round_, region=regions.a1, post="township", openings=2
    )
    first = add_candidate(actors.county_admin, round_, "第一", Decimal("90"))
    second = add_candidate(actors.county_admin, round_, "第二", Decimal("80"))
    services.round_rank(actor=actors.county_admin, round=round_)
    first.refresh_from_db()
    second.refresh_from_db()
    services.candidate_decline(actor=actors.county_admin, candidate=first, reason="另有工作")
    services.candidate_hire(actor=actors.county_admin, candidate=second, post=post)
    with pytest.raises(Conflict):
        services.candidate_hire(actor=actors.county_admin, candidate=first, post=post)


def test_post_must_be_inside_the_county(regions, actors, round_):
    with pytest.raises(ValidationError):
        services.round_post_add(
            actor=actors.county_admin, round=round_, region=regions.b1, post="township", openings=1
        )


def test_a_candidate_without_the_degree_is_admitted_with_a_recorded_reason_shown_with_the_rank(
    actors, round_
):
    # 二(二) "原则上具有全日制大专以上学历": in principle, so an exception is possible with its reason on record
    add_candidate(actors.county_admin, round_, "大专", "80")
    secondary = add_candidate(actors.county_admin, round_, "高中", "90", education="secondary")
    services.round_rank(actor=actors.county_admin, round=round_)
    secondary.refresh_from_db()
    assert (secondary.eligible, secondary.rank) == (False, None)
    with pytest.raises(ValidationError) as exc:
        services.candidate_admit_exception(actor=actors.county_admin, candidate=secondary, reason="  ")
    assert "reason" in exc.value.message_dict

    admitted = services.candidate_admit_exception(
        actor=actors.county_admin,
        candidate=secondary,
        reason="本村唯一报名者，熟悉村情，承诺三年内取得大专学历",
    )
    assert (admitted.eligible, admitted.rank) == (True, 1)
    assert "破格" in admitted.rank_reason and "承诺三年内取得大专学历" in admitted.rank_reason
    assert admitted.exception_reason.startswith("本村唯一报名者")


def test_an_exception_for_a_candidate_who_meets_the_requirements_is_refused(actors, round_):
    ok = add_candidate(actors.county_admin, round_, "大专", "80")
    with pytest.raises(ValidationError, match="无需破格"):
        services.candidate_admit_exception(actor=actors.county_admin, candidate=ok, reason="x")


def test_no_exception_once_the_round_is_closed(actors, round_):
    secondary = add_candidate(actors.county_admin, round_, "高中", "90", education="secondary")
    services.round_rank(actor=actors.county_admin, round=round_)
    round_.refresh_from_db()
    services.round_close(actor=actors.county_admin, round=round_)
    with pytest.raises(Conflict):
        services.candidate_admit_exception(actor=actors.county_admin, candidate=secondary, reason="x")
