from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from core.tabular import ImportRejected
from regions.demo import REAL_REGIONS_FILE
from regions.imports import load_regions
from regions.models import Region

pytestmark = pytest.mark.django_db

GOOD = """code,name,level,parent_code
44,广东省,province,
4401,广州市,city,44
440106,天河区,county,4401
440106001,五山街道,township,440106
440106001001,华工社区,village,440106001
"""


def csv_file(text: str, name: str = "regions.csv") -> io.BytesIO:
    f = io.BytesIO(text.encode("utf-8"))
    f.name = name
    return f


def test_good_file_loads_every_row_with_parents():
    result = load_regions(csv_file(GOOD))
    assert result.created == 5
    village = Region.objects.get(code="440106001001")
    assert village.parent.code == "440106001"
    assert village.level == "village"


def test_rerun_updates_names_and_never_duplicates():
    load_regions(csv_file(GOOD))
    result = load_regions(csv_file(GOOD.replace("华工社区", "华南理工社区")))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 4)
    assert Region.objects.count() == 5
    assert Region.objects.get(code="440106001001").name == "华南理工社区"


def test_new_rows_are_added_on_rerun_with_parent_from_database():
    load_regions(csv_file(GOOD))
    result = load_regions(csv_file("code,name,level,parent_code\n440106002,员村街道,township,440106\n"))
    assert result.created == 1
    assert Region.objects.get(code="440106002").parent.code == "440106"


@pytest.mark.parametrize(
    "row, column",
    [
        ("4401061,天河区,county,4401", "code"),  # length does not match level
        ("440106,天河区,district,4401", "level"),  # unknown level
        ("440106,,county,4401", "name"),  # empty name
        ("440306,宝安区,county,4401", "parent_code"),  # does not start with its parent
        ("440106,天河区,county,", "parent_code"),  # parent missing
        ("440106,天河区,county,4402", "parent_code"),  # parent neither in file nor database
        ("440106,天河区,county,44", "parent_code"),  # parent at the wrong level
    ],
)
def test_each_kind_of_bad_row_is_reported_and_nothing_loads(row, column):
    text = "code,name,level,parent_code\n44,广东省,province,\n4401,广州市,city,44\n" + row + "\n"
    with pytest.raises(ImportRejected) as exc:
        load_regions(csv_file(text))
    assert [(e.row, e.column) for e in exc.value.errors] == [(4, column)]
    assert Region.objects.count() == 0


def test_duplicate_codes_are_reported_with_both_rows():
    with pytest.raises(ImportRejected) as exc:
        load_regions(csv_file(GOOD + "440106,天河区重复,county,4401\n"))
    error = exc.value.errors[0]
    assert (error.row, error.column) == (7, "code")
    assert "第4行" in error.message
    assert Region.objects.count() == 0


def test_missing_column_is_reported():
    with pytest.raises(ImportRejected) as exc:
        load_regions(csv_file("code,name,level\n44,广东省,province\n"))
    assert exc.value.errors[0].column == "parent_code"


def test_xlsx_file_loads_like_csv():
    wb = Workbook()
    ws = wb.active
    for line in GOOD.strip().splitlines():
        ws.append(line.split(","))
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "regions.xlsx"
    assert load_regions(buf).created == 5


def test_command_reports_errors_and_loads_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "code,name,level,parent_code\n44,广东省,province,\n4401,广州市,town,44\n", encoding="utf-8"
    )
    with pytest.raises(CommandError):
        call_command("load_regions", str(path))
    assert Region.objects.count() == 0


def test_shipped_guangdong_file_loads_every_division():
    result = load_regions(REAL_REGIONS_FILE)
    assert result.created == 1903
    assert Region.objects.filter(level="township").count() == 1757
    assert Region.objects.get(code="441900003").parent.code == "441900"
