"""Recruitment pages: scoped round pages with the ranking, hiring through the page."""

from __future__ import annotations

import pytest

from staffing import services
from staffing.choices import CandidateStatus
from tests.factories.staffing import add_candidate, open_round


@pytest.fixture
def round_(regions, actors):
    return open_round(actors.county_admin, regions.county_a)


def test_round_pages_are_scoped_and_show_the_ranking(regions, actors, round_, web):
    add_candidate(actors.county_admin, round_, "甲", "88")
    services.round_rank(actor=actors.county_admin, round=round_)
    html = web(actors.county_admin).get(f"/staffing/recruitment/{round_.pk}/").content.decode()
    assert "甲" in html and "成绩 88" in html
    assert web(actors.outsider).get(f"/staffing/recruitment/{round_.pk}/").status_code == 404
    assert round_.title in web(actors.county_admin).get("/staffing/recruitment/").content.decode()


def test_hire_through_the_page(regions, actors, round_, web):
    post = services.round_post_add(
        actor=actors.county_admin, round=round_, region=regions.a1, post="township", openings=1
    )
    c = add_candidate(actors.county_admin, round_, "甲", "88")
    services.round_rank(actor=actors.county_admin, round=round_)
    response = web(actors.county_admin).post(
        f"/staffing/recruitment/{round_.pk}/candidates/{c.pk}/hire/", {"post": post.pk}
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.status == CandidateStatus.HIRED
