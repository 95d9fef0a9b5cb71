"""Checks shared by the list pages' tests (issue 14): an export read back with openpyxl, and a list whose query
count does not grow with its rows."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from openpyxl import load_workbook


def sheet_rows(response) -> list[tuple[Any, ...]]:
    """The first sheet of an .xlsx response, header first."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def column(rows: list[tuple[Any, ...]], label: str) -> list[Any]:
    """The data cells of the column headed `label`."""
    index = list(rows[0]).index(label)
    return [r[index] for r in rows[1:]]


def assert_flat_query_count(get: Callable[[], Any], add_rows: Callable[[], None], assert_max_queries) -> None:
    """`get()` costs no more queries after `add_rows()` than before (a list pays per page, not per row)."""
    get()  # warm the per-process caches
    with assert_max_queries(60) as few:
        get()
    add_rows()
    with assert_max_queries(len(few.captured_queries)):
        get()
