"""No data is grey on the staffing dashboard (issue 14): its own figure, row and chart colour, never green; the
chart has a text alternative (the table below it, linked)."""

from __future__ import annotations

import datetime as dt

import pytest

from staffing import services
from tests.factories.staffing import compliance_scenario

pytestmark = pytest.mark.django_db


def test_a_region_without_data_is_grey_in_figures_rows_and_chart(regions, actors, web):
    compliance_scenario(regions)  # 440106002 has two workers and no caseload: no_data
    services.compliance_recompute("2026-11", today=dt.date(2026, 11, 26))
    response = web(actors.county_admin).get("/staffing/?period=2026-11")
    html = response.content.decode()
    assert (
        '<div class="figure none"><div class="value">2</div><div class="label">个乡镇（街道）无户数数据'
        in html
    )
    assert "row-none" in html
    chart = {d["code"]: d for d in response.context["chart"]}
    assert chart["440106002"]["no_data"] is True and chart["440106001"]["no_data"] is False
    assert 'd.no_data ? "#6b7280"' in html  # grey before the green/red choice


def test_the_chart_is_described_by_the_table_and_links_to_it(regions, actors, web):
    compliance_scenario(regions)
    services.compliance_recompute("2026-11", today=dt.date(2026, 11, 26))
    html = web(actors.county_admin).get("/staffing/?period=2026-11").content.decode()
    assert 'aria-describedby="staff-table"' in html
    assert '<a href="#staff-table">以表格查看图中数据</a>' in html
    assert '<table class="table" id="staff-table">' in html


def test_without_any_period_the_dashboard_offers_no_export_that_would_404(regions, actors, web):
    html = web(actors.city_viewer).get("/staffing/").content.decode()
    assert "/staffing/compliance.xlsx" not in html
