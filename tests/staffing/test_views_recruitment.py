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


def test_exception_through_the_page_is_shown_with_the_ranking(regions, actors, round_, web):
    c = add_candidate(actors.county_admin, round_, "乙", "70", education="secondary")
    services.round_rank(actor=actors.county_admin, round=round_)
    client = web(actors.county_admin)
    assert "破格参加排名" in client.get(f"/staffing/recruitment/{round_.pk}/").content.decode()
    response = client.post(
        f"/staffing/recruitment/{round_.pk}/candidates/{c.pk}/exception/", {"reason": "长期从事村务工作"}
    )
    assert response.status_code == 302
    html = client.get(f"/staffing/recruitment/{round_.pk}/").content.decode()
    assert "破格" in html and "长期从事村务工作" in html
    assert (
        web(actors.outsider)
        .post(f"/staffing/recruitment/{round_.pk}/candidates/{c.pk}/exception/", {"reason": "x"})
        .status_code
        == 404
    )
