"""Compliance pages: the dashboard and its export, the list of workers missing training."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from tests.factories.training import WorkerFactory
from training import services

pytestmark = pytest.mark.django_db


def test_compliance_dashboard_and_export(regions, actors, web):
    WorkerFactory(region=regions.a1, start_date=dt.date(2020, 1, 1))
    services.organiser_compliance_recompute(year=2026)
    services.worker_compliance_recompute(year=2026)
    c = web(actors.city_viewer)
    page = c.get("/training/compliance/?region=4401&year=2026").content.decode()
    assert "天河区" in page and "training-chart" in page
    response = c.get("/training/compliance/export.xlsx?region=4401&year=2026")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["分区域达标", "缺训人员"]
    assert wb["缺训人员"].max_row == 2


def test_missing_list_is_scoped_to_the_county(regions, actors, web):
    WorkerFactory(region=regions.a1, name="缺训甲", start_date=dt.date(2020, 1, 1))
    WorkerFactory(region=regions.b1, name="外县乙", start_date=dt.date(2020, 1, 1))
    services.worker_compliance_recompute(year=2026)
    page = web(actors.county_admin).get("/training/missing/?year=2026").content.decode()
    assert "缺训甲" in page and "外县乙" not in page
    assert web(actors.county_admin).get("/training/missing/?region=440303").status_code == 404


def test_a_region_without_workers_is_counted_apart_in_grey_never_as_compliant(regions, actors, web):
    """Seen from the province: 广州市 has a worker, 深圳市 none."""
    WorkerFactory(region=regions.a1, start_date=dt.date(2020, 1, 1))
    services.worker_compliance_recompute(year=2026)
    response = web(actors.provincial_viewer).get("/training/compliance/?region=44&year=2026")
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    figure = soup.select_one("#no-data-regions")
    assert "none" in figure["class"] and figure.select_one(".value").get_text() == "1"  # 深圳市
    rows = {tr.td.get_text(strip=True): tr for tr in soup.select("table.table tbody tr")}
    shenzhen = rows["深圳市"]
    assert "row-none" in shenzhen["class"] and "无数据" in shenzhen.get_text()
    assert "row-none" not in rows["广州市"].get("class", [])
    names = json.loads(soup.select_one("#training-chart-data").get_text())["names"]
    assert names == ["广州市", "深圳市（无数据）"]


def test_with_no_worker_at_all_the_compliant_figure_is_grey_not_green(regions, actors, web):
    response = web(actors.county_admin).get("/training/compliance/?region=440106&year=2026")
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    compliant = [f for f in soup.select(".figure") if "培训达标" in f.get_text()][0]
    assert "ok" not in compliant["class"] and "none" in compliant["class"]
