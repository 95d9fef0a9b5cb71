"""Excel downloads: the caseload template, the roster and the compliance report (formula cells escaped)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.factories.staffing import WorkerFactory, compliance_scenario


def test_template_lists_the_users_townships_and_villages(regions, actors, web):
    response = web(actors.township_a1).get("/staffing/caseloads/template.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    codes = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert codes == ["440106001", "440106001001", "440106001002"]


def test_exports_escape_formula_cells(regions, actors, web):
    WorkerFactory(region=regions.a1, name="=HYPERLINK(1)")
    compliance_scenario(regions)
    response = web(actors.county_admin).get("/staffing/workers/export.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert ws.cell(2, 1).value == "'=HYPERLINK(1)"
    response = web(actors.county_admin).get("/staffing/compliance.xlsx?period=2026-10")
    sheets = load_workbook(io.BytesIO(response.content)).worksheets
    codes = [row[0] for row in sheets[0].iter_rows(min_row=2, values_only=True)]
    assert codes == ["440106", "440106001", "440106002"]
    assert [row[0] for row in sheets[1].iter_rows(min_row=2, values_only=True)] == [
        "440106001002",
        "440106002001",
        "440106002002",
    ]


def test_template_writes_the_month_column_as_text_with_a_format_hint(regions, actors, web):
    response = web(actors.township_a1).get("/staffing/caseloads/template.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    header = [c.value for c in ws[1]]
    month = header.index("月份") + 1
    letter = ws.cell(1, month).column_letter
    cell = ws.cell(2, month)
    assert cell.data_type == "s" and cell.number_format == "@"  # a text cell, "YYYY-MM"
    assert len(cell.value) == 7 and cell.value[4] == "-"
    assert ws.column_dimensions[letter].number_format == "@"  # what is typed later stays text too
    assert "YYYY-MM" in ws.cell(1, month).comment.text
