"""An export of a list longer than the cap (settings.EXPORT_MAX_ROWS) is not cut silently: the sheet ends with a
row that says so, and the list page says so beside the export button (issue 14)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from regions.choices import AuditAction
from regions.models import AuditRecord
from tests.factories.windows import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_cases(windows, actors):
    return [
        make_case(actors.township_a1, windows.a1, seq=seq, applicant_name=name)
        for seq, name in ((1, "申请人1"), (2, "申请人2"), (3, "申请人3"))
    ]


def _rows(response):
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_an_export_past_the_cap_ends_with_a_row_that_says_it_was_cut(three_cases, actors, web, settings):
    settings.EXPORT_MAX_ROWS = 2
    client = web(actors.county_admin)
    rows = _rows(client.get(reverse("windows:queue"), {"sort": "applicant", "export": "xlsx"}))
    assert [r[1] for r in rows[1:3]] == ["申请人1", "申请人2"]  # the first two of the sorted view
    assert rows[3][0] == "仅导出前 2 行，请缩小筛选范围"
    assert len(rows) == 4
    html = client.get(reverse("windows:queue")).content.decode()
    assert "仅导出前 2 行，请缩小筛选范围" in html


def test_an_export_within_the_cap_has_no_note(three_cases, actors, web, settings):
    settings.EXPORT_MAX_ROWS = 3
    client = web(actors.county_admin)
    rows = _rows(client.get(reverse("windows:queue"), {"export": "xlsx"}))
    assert len(rows) == 4
    assert all("仅导出前" not in str(r[0]) for r in rows)
    assert "仅导出前" not in client.get(reverse("windows:queue")).content.decode()


def test_a_cut_export_is_audited_with_the_rows_it_carries(three_cases, actors, web, settings):
    settings.EXPORT_MAX_ROWS = 2
    web(actors.county_admin).get(reverse("windows:queue"), {"export": "xlsx"})
    record = AuditRecord.objects.filter(action=AuditAction.EXPORT).latest("pk")
    assert "rows=2" in record.summary
