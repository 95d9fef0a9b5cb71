"""/api/v1/oversight/meetings/ and /issues/: scoped lists, writes through the services, follow-up and 409."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting(regions, actors):
    return services.meeting_create(
        actor=actors.county_admin,
        region=regions.county_a,
        held_on=dt.date(2026, 9, 20),
        title="天河区联席会议",
        departments=["civil_affairs", "finance"],
    )


class TestMeetings:
    def test_a_county_admin_records_a_meeting(self, regions, actors, api):
        response = api(actors.county_admin).post(
            "/api/v1/oversight/meetings/",
            {
                "region": "440106",
                "held_on": "2026-10-09",
                "title": "联席会议",
                "departments": ["civil_affairs"],
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        assert response.json()["region"] == "440106"

    def test_an_unknown_department_is_400(self, regions, actors, api):
        response = api(actors.county_admin).post(
            "/api/v1/oversight/meetings/",
            {"region": "440106", "held_on": "2026-10-09", "title": "会", "departments": ["police"]},
            format="json",
        )
        assert response.status_code == 400

    def test_lists_are_scoped(self, meeting, actors, api):
        assert len(api(actors.city_viewer).get("/api/v1/oversight/meetings/").json()["results"]) == 1
        assert api(actors.outsider).get("/api/v1/oversight/meetings/").json()["results"] == []
        assert api(actors.outsider).get(f"/api/v1/oversight/meetings/{meeting.pk}/").status_code == 404


class TestIssues:
    def test_raise_follow_up_and_close(self, meeting, actors, api):
        client = api(actors.county_admin)
        created = client.post(
            "/api/v1/oversight/issues/",
            {
                "meeting": meeting.pk,
                "region": "440106001",
                "area": "windows",
                "description": "窗口超期事项较多",
                "owner_department": "civil_affairs",
                "deadline": "2026-11-30",
            },
            format="json",
        )
        assert created.status_code == 201, created.content
        pk = created.json()["id"]
        done = client.post(f"/api/v1/oversight/issues/{pk}/follow-up/", {"note": "已整改", "close": True})
        assert done.status_code == 201 and done.json()["status"] == "closed"
        again = client.post(f"/api/v1/oversight/issues/{pk}/follow-up/", {"note": "再记"})
        assert again.status_code == 409 and again.json()["code"] == "issue_closed"

    def test_a_viewer_cannot_follow_up(self, meeting, actors, api, regions):
        issue = services.issue_raise(
            actor=actors.county_admin,
            region=regions.a1,
            area="staffing",
            description="缺人",
            owner_department="establishment",
            deadline=dt.date(2026, 11, 30),
        )
        response = api(actors.city_viewer).post(
            f"/api/v1/oversight/issues/{issue.pk}/follow-up/", {"note": "看"}
        )
        assert response.status_code == 403

    def test_an_out_of_scope_region_is_400(self, meeting, actors, api):
        response = api(actors.county_admin).post(
            "/api/v1/oversight/issues/",
            {
                "region": "440303",
                "area": "windows",
                "description": "x",
                "owner_department": "civil_affairs",
                "deadline": "2026-11-30",
            },
            format="json",
        )
        assert response.status_code == 400
