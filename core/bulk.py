"""Bulk writes of plain rows: COPY on PostgreSQL (several times faster than INSERT for tens of thousands of rows, and
no model instances to build), the ORM's bulk_create elsewhere (SQLite: the tests and the embedded default)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import connection
from django.db.models import Model, QuerySet

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
_NEEDS_ESCAPE = re.compile(r"[\\\t\n\r]").search


def _copy_text(value: Any) -> str:
    """A value in COPY's text format: NULL as \\N, booleans as t/f, text with tab, newline and backslash escaped."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, str):
        return value.translate(_ESCAPES) if _NEEDS_ESCAPE(value) else value
    return str(value)


def insert_rows(
    model: type[Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    constants: Mapping[str, Any] | None = None,
) -> int:
    """Insert `rows` (values in the order of `columns`, the model's column names) into the model's table, in the
    current transaction, each with the same `constants` (column → value, formatted once). Returns the number of
    rows."""
    constants = dict(constants or {})
    if connection.vendor != "postgresql":
        made = [model(**dict(zip(columns, row, strict=True)), **constants) for row in rows]
        model._default_manager.bulk_create(made, batch_size=2000)
        return len(made)
    tail = "".join("\t" + _copy_text(v) for v in constants.values()) + "\n"
    text = _copy_text
    lines = ["\t".join([text(v) for v in row]) + tail for row in rows]
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(
            f"COPY {model._meta.db_table} ({', '.join([*columns, *constants])}) FROM STDIN",
            io.StringIO("".join(lines)),
        )
    return len(lines)


def delete_rows(queryset: QuerySet[Any]) -> int:
    """DELETE the rows of `queryset` in one statement: no instances collected, no signals, so no audit entry per row.
    For derived rows swapped by a recompute (written back by `insert_rows`, which sends no signals either); a
    deletion someone should see in the audit log goes through `QuerySet.delete()`."""
    return int(queryset._raw_delete(queryset.db))
