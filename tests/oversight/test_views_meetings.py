"""Pages of the joint meeting: minutes only through the scoped view, issue raised from an overview row."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from oversight import services
from oversight.models import Issue

pytestmark = pytest.mark.django_db


class TestMinutes:
    def test_minutes_are_served_only_in_scope(self, regions, actors, web, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        meeting = services.meeting_create(
            actor=actors.county_admin,
            region=regions.county_a,
            held_on=dt.date(2026, 9, 20),
            title="联席会议",
            departments=["civil_affairs"],
            minutes=SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes"),
        )
        url = f"/oversight/meetings/{meeting.pk}/minutes/"
        assert b"".join(web(actors.city_viewer).get(url).streaming_content) == b"%PDF-1.4 minutes"
        assert web(actors.outsider).get(url).status_code == 404


class TestRaiseFromOverview:
    def test_one_click_carries_the_rows_figures(self, regions, actors, web):
        services.overview_compute("2026-10")
        response = web(actors.county_admin).post(
            "/oversight/issues/raise/", {"region": "440106001", "period": "2026-10"}
        )
        issue = Issue.objects.get()
        assert response.status_code == 302 and response["Location"] == f"/oversight/issues/{issue.pk}/"
        assert issue.figures["staffing"]["required"] == 0 and issue.period == "2026-10"

    def test_a_month_without_snapshot_raises_nothing(self, regions, actors, web):
        web(actors.county_admin).post(
            "/oversight/issues/raise/", {"region": "440106001", "period": "2026-10"}
        )
        assert not Issue.objects.exists()

    def test_the_brief_lists_open_issues(self, regions, actors, web):
        services.overview_compute("2026-10")
        services.issue_raise(
            actor=actors.county_admin,
            region=regions.a1,
            area="staffing",
            description="五山街道缺经办人员",
            owner_department="establishment",
            deadline=dt.date(2026, 11, 30),
        )
        page = web(actors.county_admin).get("/oversight/brief/?region=440106&period=2026-10").content.decode()
        assert "五山街道缺经办人员" in page

    def test_pages_open(self, regions, actors, web):
        for url in ("/oversight/meetings/", "/oversight/issues/?status=open"):
            assert web(actors.county_admin).get(url).status_code == 200
