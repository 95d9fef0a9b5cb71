"""Browser: the dashboard draws its ECharts chart with data, and drill-down by clicking works (headless Chromium)."""

from __future__ import annotations

import datetime as dt

import pytest

from staffing.choices import Post
from staffing.services import compliance_recompute
from tests.factories.staffing import CaseloadFactory, WorkerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_dashboard_draws_the_chart_and_drills_down(regions, actors, login, live_server):
    CaseloadFactory(region=regions.a1_village, dibao_households=400)
    CaseloadFactory(region=regions.a2_village, dibao_households=50)
    WorkerFactory(region=regions.a2, post=Post.TOWNSHIP)
    compliance_recompute("2026-10", today=dt.date(2026, 11, 1))
    page = login("county_admin_a")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # the period computed above, whatever else ran before
    page.goto(f"{live_server.url}/staffing/?period=2026-10")
    page.wait_for_selector("#staff-chart canvas")
    assert page.locator("tr.row-bad").count() >= 1
    page.screenshot(path="test-results/staffing-dashboard.png", full_page=True)
    page.click("text=五山街道")
    page.wait_for_url("**region=440106001**")
    assert "在岗人员" in page.content()
    assert errors == []
