"""Spreadsheets in and out, shared by every app's imports and exports.

In: CSV (UTF-8, with or without BOM) or XLSX, a header row, then data rows numbered as a spreadsheet shows them
(the header is row 1). Imports validate every row, collect `RowError`s, and save nothing if there is any.
Out: XLSX with every text cell that a spreadsheet would run as a formula (= + - @, tab, CR) escaped.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行 [{self.column}]: {self.message}"

    def as_dict(self) -> dict[str, int | str]:
        return {"row": self.row, "column": self.column, "message": self.message}


class ImportRejected(Exception):
    """An import with at least one bad row: nothing was saved."""

    def __init__(self, errors: Sequence[RowError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors[:50]))


class UnreadableFile(ValueError):
    pass


def read_rows(
    source: str | Path | IO[bytes], filename: str | None = None
) -> list[tuple[int, dict[str, str]]]:
    """Rows as (row number, {header: text}) from a CSV or XLSX path or uploaded file. Blank rows are skipped."""
    name = (filename or getattr(source, "name", "") or str(source)).lower()
    if isinstance(source, (str, Path)):
        with open(source, "rb") as fh:
            data = fh.read()
    else:
        data = source.read()
    if name.endswith((".xlsx", ".xlsm")):
        raw = _xlsx_rows(data)
    elif name.endswith((".csv", ".txt")):
        raw = _csv_rows(data)
    else:
        raise UnreadableFile("只支持 .csv 或 .xlsx 文件 / only .csv or .xlsx files are accepted")
    if not raw:
        raise UnreadableFile("文件为空 / the file is empty")
    header = [str(h or "").strip() for h in raw[0]]
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        cells = ["" if v is None else str(v).strip() for v in values]
        if not any(cells):
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append((number, dict(zip(header, cells, strict=False))))
    return rows


def _csv_rows(data: bytes) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(
                "无法识别文件编码（请使用 UTF-8） / unknown text encoding, use UTF-8"
            ) from exc
    return list(csv.reader(io.StringIO(text)))


def _xlsx_rows(data: bytes) -> list[list[Any]]:
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise UnreadableFile("无法读取 Excel 文件 / the Excel file cannot be read") from exc
    ws = wb.worksheets[0]
    rows = []
    for values in ws.iter_rows(values_only=True):
        rows.append([_cell_text(v) for v in values])
    wb.close()
    return rows


def _cell_text(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def require_columns(rows_header: Iterable[str], required: Sequence[str]) -> list[RowError]:
    present = set(rows_header)
    return [RowError(1, col, f"缺少列 {col} / missing column") for col in required if col not in present]


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that would start a formula is prefixed with a quote so a spreadsheet shows it, never runs it."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def xlsx_response(
    filename: str, sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]
) -> HttpResponse:
    """An .xlsx download with one sheet per (title, headers, rows)."""
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    for title, headers, rows in sheets:
        ws = wb.create_sheet(title[:31])
        ws.append(list(headers))
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
        for row in rows:
            ws.append([safe_cell(v) for v in row])
        for i, h in enumerate(headers, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = max(10, min(40, len(str(h)) * 2 + 4))
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
