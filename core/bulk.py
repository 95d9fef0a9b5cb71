"""Bulk writes of plain rows: COPY on PostgreSQL (several times faster than INSERT for tens of thousands of rows, and
no model instances to build), the ORM's bulk_create elsewhere (SQLite: the tests and the embedded default)."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model, QuerySet

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: Any) -> str:
    """A value in COPY's text format: NULL as \\N, the rest as text with tab, newline and backslash escaped."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    return str(value).translate(_ESCAPES)


def insert_rows(model: type[Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """Insert `rows` (values in the order of `columns`, the model's column names) into the model's table, in the
    current transaction. Returns the number of rows."""
    if connection.vendor != "postgresql":
        made = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model._default_manager.bulk_create(made, batch_size=2000)
        return len(made)
    buf = io.StringIO()
    count = 0
    for row in rows:
        buf.write("\t".join(_copy_text(v) for v in row) + "\n")
        count += 1
    buf.seek(0)
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN", buf)
    return count


def delete_rows(queryset: QuerySet[Any]) -> int:
    """DELETE the rows of `queryset` in one statement: no instances collected, no signals, so no audit entry per row.
    For derived rows swapped by a recompute (written back by `insert_rows`, which sends no signals either); a
    deletion someone should see in the audit log goes through `QuerySet.delete()`."""
    return int(queryset._raw_delete(queryset.db))
