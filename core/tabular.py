"""Spreadsheets in and out, shared by every app's imports and exports.

In: CSV (UTF-8, with or without BOM) or XLSX, a header row, then data rows numbered as a spreadsheet shows them
(the header is row 1). Imports validate every row, collect `RowError`s, and save nothing if there is any.
Out: XLSX with every text cell that a spreadsheet would run as a formula (= + - @, tab, CR) escaped.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str
    #: a stable machine code for the API (core.api.errors); "invalid" unless the check names a sharper one
    code: str = "invalid"

    def __str__(self) -> str:
        return f"第{self.row}行 [{self.column}]: {self.message}"

    def as_dict(self) -> dict[str, int | str]:
        return {"row": self.row, "column": self.column, "message": str(self.message), "code": self.code}


class ImportRejected(Exception):
    """An import with at least one bad row: nothing was saved."""

    def __init__(self, errors: Sequence[RowError]):
        self.errors = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors[:50]))


class UnreadableFile(ValueError):
    pass


#: columns read beyond a template's own (notes a user adds at the side); nothing further right is read
EXTRA_COLUMNS = 10


def check_upload(upload: Any) -> None:
    """Refuse an uploaded file over settings.UPLOAD_MAX_BYTES before anything reads or stores it."""
    limit = settings.UPLOAD_MAX_BYTES
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise UnreadableFile(
            _("文件大小 %(size)s 超过上限 %(limit)s。") % {"size": _mb(size), "limit": _mb(limit)}
        )


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def read_rows(
    source: str | Path | IO[bytes], filename: str | None = None, *, columns: int = 40
) -> list[tuple[int, dict[str, str]]]:
    """Rows as (row number, {header: text}) from a CSV or XLSX path or uploaded file. Blank rows are skipped.

    Bounded whatever the file claims: at most settings.IMPORT_MAX_ROWS data rows (more is refused, not cut), at
    most `columns` (the template's) + EXTRA_COLUMNS columns, an upload of at most settings.UPLOAD_MAX_BYTES.
    Unreadable content (a CSV field over the reader's limit, a broken quote) and formula cells are row errors
    (ImportRejected); a file that cannot be read at all is UnreadableFile."""
    name = (filename or getattr(source, "name", "") or str(source)).lower()
    if isinstance(source, (str, Path)):
        with open(source, "rb") as fh:
            data = fh.read(settings.UPLOAD_MAX_BYTES + 1)
    else:
        check_upload(source)
        data = source.read(settings.UPLOAD_MAX_BYTES + 1)
    if len(data) > settings.UPLOAD_MAX_BYTES:
        raise UnreadableFile(_("文件超过上限 %(limit)s。") % {"limit": _mb(settings.UPLOAD_MAX_BYTES)})
    bounds = _Bounds(rows=settings.IMPORT_MAX_ROWS + 1, columns=columns + EXTRA_COLUMNS)
    if name.endswith((".xlsx", ".xlsm")):
        raw = _xlsx_rows(data, bounds)
    elif name.endswith((".csv", ".txt")):
        raw = _csv_rows(data, bounds)
    else:
        raise UnreadableFile(_("只支持 .csv 或 .xlsx 文件。"))
    if not raw:
        raise UnreadableFile(_("文件为空。"))
    header = [str(h or "").strip() for h in raw[0]]
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        cells = ["" if v is None else str(v).strip() for v in values]
        if not any(cells):
            continue
        cells += [""] * (len(header) - len(cells))
        rows.append((number, {h: c for h, c in zip(header, cells, strict=False) if h}))
    return rows


@dataclass(frozen=True)
class _Bounds:
    rows: int  # header included
    columns: int

    def too_many_rows(self) -> UnreadableFile:
        return UnreadableFile(
            _("文件超过 %(max)s 行数据的上限，请分成多个文件导入。") % {"max": self.rows - 1}
        )


def _csv_rows(data: bytes, bounds: _Bounds) -> list[list[Any]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")
        except UnicodeDecodeError as exc:
            raise UnreadableFile(_("无法识别文件编码，请使用 UTF-8。")) from exc
    reader = csv.reader(io.StringIO(text))
    rows: list[list[Any]] = []
    try:
        for values in reader:
            if len(rows) >= bounds.rows:
                raise bounds.too_many_rows()
            rows.append(values[: bounds.columns])
    except csv.Error as exc:
        # a field over csv.field_size_limit (128 KB), a NUL byte, a quote left open: the row is named, not a 500
        line = reader.line_num
        raise ImportRejected(
            [
                RowError(
                    line,
                    "",
                    _("第%(line)s行无法读取（字段过长或格式错误）。") % {"line": line},
                    "unreadable_row",
                )
            ]
        ) from exc
    return rows


def _xlsx_rows(data: bytes, bounds: _Bounds) -> list[list[Any]]:
    _check_unpacked_size(data)
    try:
        # data_only=False: a formula cell is seen as a formula (with data_only its cached value, often none,
        # would be read as blank and accepted)
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        ws = wb.worksheets[0]
    except Exception as exc:
        raise UnreadableFile(_("无法读取 Excel 文件。")) from exc
    try:
        declared = ws.max_row  # from the sheet's <dimension>: refuse before reading a row of a false claim
        if declared is not None and declared > bounds.rows:
            raise UnreadableFile(
                _("工作表声明了 %(declared)s 行，超过 %(max)s 行数据的上限。")
                % {"declared": declared, "max": bounds.rows - 1}
            )
        return _xlsx_cells(ws, bounds)
    finally:
        wb.close()


def _xlsx_cells(ws: Any, bounds: _Bounds) -> list[list[Any]]:
    rows: list[list[Any]] = []
    formulas: list[RowError] = []
    header: list[str] = []
    try:
        for cells in ws.iter_rows(max_col=bounds.columns, max_row=bounds.rows + 1):
            if len(rows) >= bounds.rows:
                raise bounds.too_many_rows()
            values: list[Any] = []
            for index, cell in enumerate(cells):
                if getattr(cell, "data_type", None) == "f":
                    column = header[index] if index < len(header) else get_column_letter(index + 1)
                    formulas.append(
                        RowError(
                            len(rows) + 1, column, _("单元格是公式，请改为数值后再导入。"), "formula_cell"
                        )
                    )
                    values.append(None)
                else:
                    values.append(_cell_text(cell.value))
            rows.append(values)
            if len(rows) == 1:
                header = [str(v or "").strip() for v in values]
    except UnreadableFile:
        raise
    except Exception as exc:  # a malformed sheet part (bad XML, a cell reference past XFD)
        raise UnreadableFile(_("无法读取 Excel 文件。")) from exc
    if formulas:
        raise ImportRejected(formulas)
    return rows


def _check_unpacked_size(data: bytes) -> None:
    """Refuse an .xlsx whose parts unpack to more than settings.IMPORT_MAX_UNPACKED_BYTES (the shared strings
    are read whole when the workbook opens: a compressed bomb would fill the memory before the first row)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UnreadableFile(_("无法读取 Excel 文件。")) from exc
    if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
        raise UnreadableFile(
            _("Excel 文件解压后 %(size)s，超过上限 %(limit)s。")
            % {"size": _mb(unpacked), "limit": _mb(settings.IMPORT_MAX_UNPACKED_BYTES)}
        )


def _cell_text(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def require_columns(rows_header: Iterable[str], required: Sequence[str]) -> list[RowError]:
    present = set(rows_header)
    return [
        RowError(1, col, _("缺少列 {column}").format(column=col), "missing_column")
        for col in required
        if col not in present
    ]


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Text that would start a formula is prefixed with a quote so a spreadsheet shows it, never runs it."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


TEXT_FORMAT = "@"
#: set on every export response to the number of data rows it carries: the audit middleware (regions) records
#: each download from this one mark instead of a call in every app's export view
EXPORT_ROWS_ATTRIBUTE = "export_rows"


def xlsx_response(
    filename: str,
    sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]],
    *,
    text_columns: Collection[str] = (),
    header_notes: Mapping[str, str] | None = None,
    footer: Sequence[str] | None = None,
) -> HttpResponse:
    """An .xlsx download with one sheet per (title, headers, rows).

    Columns whose header is in `text_columns` are text-formatted, their cells and the column itself, so what a
    user types there later stays text (Excel turns a typed "2026-10" into a date otherwise). `header_notes` puts
    a comment on a header cell: the format hint. `footer` is a last row of the last sheet, in bold and not
    counted as data (the note that an export was cut at its cap)."""
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    count = 0
    for index, (title, headers, rows) in enumerate(sheets):
        ws = wb.create_sheet(title[:31])
        ws.append(list(headers))
        for cell in ws[1]:
            cell.font, cell.fill = bold, fill
        for row in rows:
            ws.append([safe_cell(v) for v in row])
            count += 1
        if footer and index == len(sheets) - 1:
            ws.append([safe_cell(v) for v in footer])
            for cell in ws[ws.max_row]:
                cell.font = bold
        for i, h in enumerate(headers, start=1):
            column = ws.column_dimensions[ws.cell(1, i).column_letter]
            column.width = max(10, min(40, len(str(h)) * 2 + 4))
            if h in text_columns:
                column.number_format = TEXT_FORMAT
                for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
                    cell.number_format = TEXT_FORMAT
            if header_notes and h in header_notes:
                ws.cell(1, i).comment = Comment(header_notes[h], "模板")
    buf = io.BytesIO()
    wb.save(buf)
    response = HttpResponse(
        buf.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    setattr(response, EXPORT_ROWS_ATTRIBUTE, count)
    return response
