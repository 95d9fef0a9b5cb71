"""Compliance pages: the dashboard and its export, the list of workers missing training."""

from __future__ import annotations

import datetime as dt
import io

import pytest
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
