"""Excel exports of projects and contracts."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.factories.procurement import (
    ContractFactory,
)


def test_excel_exports_of_projects_and_contracts(web, actors, regions):
    ContractFactory(project__purchaser=regions.a1, number="XL-1")
    ContractFactory(project__purchaser=regions.b1, number="XL-OTHER")
    client = web(actors.county_admin)
    listing = client.get("/procurement/contracts/").content.decode()
    assert "XL-1" in listing and "XL-OTHER" not in listing
    response = client.get("/procurement/export/contracts.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    numbers = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert numbers == ["XL-1"]
    response = client.get("/procurement/export/projects.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2 and sheet.cell(1, 5).value == "项目名称"
