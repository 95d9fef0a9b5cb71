"""Reading uploads with bounds (issue 12 items 11, 12): the workbooks here are written by hand as zip archives with
a crafted sheet XML, never by openpyxl (the library under test)."""

from __future__ import annotations

import io
import tracemalloc

import pytest

from core.tabular import ImportRejected, UnreadableFile, check_upload, read_rows
from tests.handmade_xlsx import cell, xlsx

TWO_ROWS = f'<row r="1">{cell("A1", "姓名")}{cell("B1", "学时")}</row><row r="2">{cell("A2", "张三")}{cell("B2", "6")}</row>'


def test_a_hand_written_workbook_reads_as_its_rows():
    assert read_rows(xlsx(TWO_ROWS)) == [(2, {"姓名": "张三", "学时": "6"})]


def test_a_sheet_claiming_the_whole_grid_is_refused_unread_in_bounded_memory():
    bomb = xlsx(TWO_ROWS, dimension="A1:XFD1048576")
    assert len(bomb.getvalue()) < 2000  # the 1.5 KB file of the report
    tracemalloc.start()
    with pytest.raises(UnreadableFile, match="1048576"):
        read_rows(bomb)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 5 * 1024 * 1024  # a padded read would take ~0.13 MB per row


def test_a_row_with_a_cell_far_right_is_read_only_to_the_template_width():
    far = f'<row r="1">{cell("A1", "姓名")}{cell("XFD1", "x")}</row><row r="2">{cell("A2", "张三")}</row>'
    tracemalloc.start()
    rows = read_rows(xlsx(far, dimension="A1:XFD2"), columns=2)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert rows == [(2, {"姓名": "张三"})]
    assert peak < 5 * 1024 * 1024


def _rows_xml(data_rows: int) -> str:
    body = "".join(f'<row r="{r}">{cell(f"A{r}", f"张{r}")}</row>' for r in range(2, data_rows + 2))
    return f'<row r="1">{cell("A1", "姓名")}</row>{body}'


def test_rows_up_to_the_limit_are_read_even_when_the_dimension_is_missing(settings):
    settings.IMPORT_MAX_ROWS = 100
    assert len(read_rows(xlsx(_rows_xml(100), dimension=None))) == 100


def test_one_row_over_the_limit_is_refused_even_when_the_dimension_lies(settings):
    settings.IMPORT_MAX_ROWS = 100
    with pytest.raises(UnreadableFile, match="100"):
        read_rows(xlsx(_rows_xml(101), dimension="A1:A2"))


def test_csv_over_the_row_limit_is_refused(settings):
    settings.IMPORT_MAX_ROWS = 3
    ok = io.BytesIO("姓名\n甲\n乙\n丙\n".encode())
    ok.name = "a.csv"
    assert len(read_rows(ok)) == 3
    over = io.BytesIO("姓名\n甲\n乙\n丙\n丁\n".encode())
    over.name = "a.csv"
    with pytest.raises(UnreadableFile, match="3"):
        read_rows(over)


def test_a_workbook_that_unpacks_past_the_limit_is_refused(settings):
    settings.IMPORT_MAX_UNPACKED_BYTES = 1000
    with pytest.raises(UnreadableFile, match="解压"):
        read_rows(xlsx(TWO_ROWS))


def test_an_upload_over_the_size_cap_is_refused_before_reading(settings):
    settings.UPLOAD_MAX_BYTES = 10 * 1024 * 1024
    upload = io.BytesIO(b"")
    upload.size = 10 * 1024 * 1024 + 1
    with pytest.raises(UnreadableFile, match="10.0 MB"):
        check_upload(upload)
    upload.size = 10 * 1024 * 1024
    check_upload(upload)


def test_a_csv_field_over_128_kb_is_a_row_error_not_a_crash():
    text = "姓名,备注\n张三," + "x" * (131072 + 1) + "\n"
    upload = io.BytesIO(text.encode())
    upload.name = "a.csv"
    with pytest.raises(ImportRejected) as caught:
        read_rows(upload)
    assert caught.value.errors[0].row == 2 and "无法读取" in caught.value.errors[0].message


def test_formula_cells_are_row_errors_naming_the_column():
    formula = (
        f'<row r="1">{cell("A1", "姓名")}{cell("B1", "学时")}</row>'
        f'<row r="2">{cell("A2", "张三")}<c r="B2"><f>SUM(1,5)</f></c></row>'
    )
    with pytest.raises(ImportRejected) as caught:
        read_rows(xlsx(formula))
    (error,) = caught.value.errors
    assert (error.row, error.column) == (2, "学时") and "公式" in error.message
