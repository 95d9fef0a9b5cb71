"""Recruitment of dispatched staff: eligibility, ranking with priorities and reasons, hiring in rank order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.exceptions import Conflict
from staffing import recruitment
from staffing.choices import CandidateStatus, Employment, RoundStatus
from staffing.models import Candidate, Worker
from tests.factories.staffing import credit_code, id_number

ROUND_DATE = dt.date(2026, 7, 1)


@pytest.fixture
def round_(regions, actors):
    return recruitment.round_create(
        actor=actors.county_admin,
        region=regions.county_a,
        title="2026 年天河区社会救助经办人员招聘",
        round_date=ROUND_DATE,
        dispatching_org_name="天河区社工服务中心",
        dispatching_org_credit_code=credit_code(3),
    )


def _add(actors, round_, name, score, *, birth=dt.date(1990, 1, 1), **extra):
    fields = {"education": "college", "graduation_date": None, "score": score, **extra}
    return recruitment.candidate_add(
        actor=actors.county_admin, round=round_, name=name, id_number=id_number(birth), **fields
    )


def test_round_needs_a_county_and_a_valid_credit_code(regions, actors):
    with pytest.raises(ValidationError) as exc:
        recruitment.round_create(
            actor=actors.county_admin,
            region=regions.a1,
            title="x",
            round_date=ROUND_DATE,
            dispatching_org_name="某机构",
            dispatching_org_credit_code="91440101MA00000000",
        )
    assert {"region", "dispatching_org_credit_code"} <= set(exc.value.message_dict)


def test_ranking_uses_score_then_priorities_and_says_why(actors, round_):
    _add(actors, round_, "普通", "85")
    _add(actors, round_, "退役", "85", veteran=True)
    _add(actors, round_, "应届", "85", birth=dt.date(2003, 5, 1), graduation_date=dt.date(2026, 6, 30))
    _add(actors, round_, "高分", "92")
    _add(actors, round_, "高中", "99", education="secondary")
    ranked = recruitment.round_rank(actor=actors.county_admin, round=round_)
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
    recruitment.round_rank(actor=actors.county_admin, round=round_)
    round_.refresh_from_db()
    with pytest.raises(Conflict):
        _add(actors, round_, "迟到", "90")


def test_bad_candidate_input_is_rejected_by_field(actors, round_):
    with pytest.raises(ValidationError) as exc:
        recruitment.candidate_add(
            actor=actors.county_admin, round=round_, name="错", id_number="440106199001011235", score="120"
        )
    assert {"id_number", "score"} <= set(exc.value.message_dict)


def test_hiring_in_rank_order_creates_a_dispatched_worker(regions, actors, round_):
    post = recruitment.round_post_add(
        actor=actors.county_admin, round=round_, region=regions.a1, post="township", openings=1
    )
    first = _add(actors, round_, "第一", "90")
    second = _add(actors, round_, "第二", "80")
    recruitment.round_rank(actor=actors.county_admin, round=round_)
    second.refresh_from_db()
    first.refresh_from_db()
    with pytest.raises(Conflict):  # 第一 ranks better and is still waiting
        recruitment.candidate_hire(actor=actors.county_admin, candidate=second, post=post)
    worker = recruitment.candidate_hire(actor=actors.county_admin, candidate=first, post=post)
    assert (worker.region, worker.employment, worker.dispatching_org_name) == (
        regions.a1,
        Employment.DISPATCHED,
        "天河区社工服务中心",
    )
    first.refresh_from_db()
    assert first.status == CandidateStatus.HIRED and first.worker == worker
    with pytest.raises(Conflict):  # the post is full
        recruitment.candidate_hire(actor=actors.county_admin, candidate=second, post=post)
    assert Worker.objects.count() == 1


def test_a_declined_candidate_lets_the_next_be_hired(regions, actors, round_):
    post = recruitment.round_post_add(
        actor=actors.county_admin, round=round_, region=regions.a1, post="township", openings=2
    )
    first = _add(actors, round_, "第一", Decimal("90"))
    second = _add(actors, round_, "第二", Decimal("80"))
    recruitment.round_rank(actor=actors.county_admin, round=round_)
    first.refresh_from_db()
    second.refresh_from_db()
    recruitment.candidate_decline(actor=actors.county_admin, candidate=first, reason="另有工作")
    recruitment.candidate_hire(actor=actors.county_admin, candidate=second, post=post)
    with pytest.raises(Conflict):
        recruitment.candidate_hire(actor=actors.county_admin, candidate=first, post=post)


def test_post_must_be_inside_the_county(regions, actors, round_):
    with pytest.raises(ValidationError):
        recruitment.round_post_add(
            actor=actors.county_admin, round=round_, region=regions.b1, post="township", openings=1
        )


def test_round_pages_are_scoped_and_show_the_ranking(regions, actors, round_, web):
    _add(actors, round_, "甲", "88")
    recruitment.round_rank(actor=actors.county_admin, round=round_)
    html = web(actors.county_admin).get(f"/staffing/recruitment/{round_.pk}/").content.decode()
    assert "甲" in html and "成绩 88" in html
    assert web(actors.outsider).get(f"/staffing/recruitment/{round_.pk}/").status_code == 404
    assert round_.title in web(actors.county_admin).get("/staffing/recruitment/").content.decode()


def test_hire_through_the_page(regions, actors, round_, web):
    post = recruitment.round_post_add(
        actor=actors.county_admin, round=round_, region=regions.a1, post="township", openings=1
    )
    c = _add(actors, round_, "甲", "88")
    recruitment.round_rank(actor=actors.county_admin, round=round_)
    response = web(actors.county_admin).post(
        f"/staffing/recruitment/{round_.pk}/candidates/{c.pk}/hire/", {"post": post.pk}
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.status == CandidateStatus.HIRED
