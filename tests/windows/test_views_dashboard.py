"""The windows dashboard renders its figures."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from tests.factories.windows import make_case

pytestmark = pytest.mark.django_db


def test_dashboard_renders_figures(windows, actors, web, regions):
    make_case(actors.township_a1, windows.a1, seq=1, household=regions.b1_village, accept=True)
    body = web(actors.provincial_viewer).get(reverse("windows:dashboard")).content.decode()
    assert "chart-data" in body and "异地申请" in body


def test_a_township_without_any_case_is_counted_apart_in_grey_never_as_zero_overdue(
    windows, actors, web, regions, django_assert_max_num_queries
):
    make_case(actors.township_a1, windows.a1, seq=1, accept=True)  # 五山街道 has a case, the other none
    client = web(actors.county_admin)
    client.get(reverse("windows:dashboard"))  # warm the session and caches
    with django_assert_max_num_queries(25):
        response = client.get(reverse("windows:dashboard"))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    figure = soup.select_one("#no-data-regions")
    assert "none" in figure["class"] and figure.select_one(".value").get_text() == "1"
    rows = soup.select("#table-regions tr[data-no-data]")
    assert [r.select_one(".mono").get_text() for r in rows] == [regions.a2.code]
    assert "row-none" in rows[0]["class"] and "无数据" in rows[0].get_text()
    chart = json.loads(soup.select_one("#chart-data").get_text())
    assert chart["areas"][-1] == f"{regions.a2.name}（无数据）"
    assert chart["open"][-1] is None and chart["overdue"][-1] is None  # no bar, not a zero


def test_with_no_case_at_all_the_overdue_figures_are_grey_not_green(windows, actors, web):
    soup = BeautifulSoup(
        web(actors.county_admin).get(reverse("windows:dashboard")).content.decode(), "html.parser"
    )
    overdue = [f for f in soup.select(".figure") if "当前超期" in f.get_text()][0]
    assert "ok" not in overdue["class"] and "none" in overdue["class"]
    assert soup.select_one("#no-data-regions .value").get_text() == "2"
