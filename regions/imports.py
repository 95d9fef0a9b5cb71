"""Loading regions from CSV/XLSX (`code,name,level,parent_code`): validate every row, then load all or nothing.

Idempotent: re-running updates names (and level/parent), adds new rows, never duplicates.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import IO

from django.db import transaction
from django.utils.translation import gettext as _

from core.tabular import ImportRejected, RowError, read_rows, require_columns

from .models import Region
from .rules import LEVEL_CODE_LENGTH, level_for_code, parent_level

COLUMNS = ("code", "name", "level", "parent_code")


@dataclass
class LoadResult:
    created: int
    updated: int
    unchanged: int


def _codes_in_file(rows: list[tuple[int, dict[str, str]]]) -> tuple[dict[str, int], list[RowError]]:
    """Each code's first row, and an error for every later row that repeats it."""
    in_file: dict[str, int] = {}
    errors = []
    for number, row in rows:
        code = row["code"]
        if code in in_file:
            errors.append(
                RowError(
                    number,
                    "code",
                    _("区划代码 {code} 与第{value}行重复").format(code=code, value=in_file[code]),
                )
            )
        else:
            in_file[code] = number
    return in_file, errors


def validate_region_rows(rows: list[tuple[int, dict[str, str]]]) -> list[RowError]:
    """Every problem in the rows, each with its row number, column and reason."""
    if not rows:
        return [RowError(1, "code", _("文件中没有数据行"))]
    errors = require_columns(rows[0][1].keys(), COLUMNS)
    if errors:
        return errors
    in_file, errors = _codes_in_file(rows)
    parent_codes = {row["parent_code"] for _, row in rows if row["parent_code"]}
    in_db = set(Region.objects.filter(code__in=parent_codes - set(in_file)).values_list("code", flat=True))
    for number, row in rows:
        code, name, level, parent = row["code"], row["name"], row["level"], row["parent_code"]
        if not name:
            errors.append(RowError(number, "name", _("名称不能为空")))
        if level not in LEVEL_CODE_LENGTH:
            errors.append(
                RowError(
                    number,
                    "level",
                    _("层级 {level!r} 无效，应为 {value}").format(
                        level=level, value="/".join(LEVEL_CODE_LENGTH)
                    ),
                )
            )
            continue
        if not code.isdigit() or level_for_code(code) != level:
            errors.append(
                RowError(
                    number,
                    "code",
                    _("{level} 级区划代码应为{value}位数字，实为 {code!r}").format(
                        level=level, value=LEVEL_CODE_LENGTH[level], code=code
                    ),
                )
            )
            continue
        expected_parent = parent_level(level)
        if expected_parent is None:
            if parent:
                errors.append(RowError(number, "parent_code", _("省级区划不应有上级")))
            continue
        if not parent:
            errors.append(RowError(number, "parent_code", _("缺少上级区划代码")))
        elif len(parent) != LEVEL_CODE_LENGTH[expected_parent] or not code.startswith(parent):
            errors.append(
                RowError(
                    number,
                    "parent_code",
                    _("区划代码 {code} 应以上级代码 {parent} 开头，且上级应为{expected_parent}级").format(
                        code=code, parent=parent, expected_parent=expected_parent
                    ),
                )
            )
        elif parent not in in_file and parent not in in_db:
            errors.append(
                RowError(
                    number, "parent_code", _("上级区划 {parent} 不在文件或数据库中").format(parent=parent)
                )
            )
    return errors


@transaction.atomic
def load_region_rows(rows: list[tuple[int, dict[str, str]]]) -> LoadResult:
    errors = validate_region_rows(rows)
    if errors:
        raise ImportRejected(errors)
    by_level: dict[str, list[dict[str, str]]] = {level: [] for level in LEVEL_CODE_LENGTH}
    for _number, row in rows:
        by_level[row["level"]].append(row)
    created = updated = unchanged = 0
    for level, level_rows in by_level.items():
        if not level_rows:
            continue
        codes = [r["code"] for r in level_rows]
        existing = {r.code: r for r in Region.objects.filter(code__in=codes)}
        parent_ids = dict(
            Region.objects.filter(
                code__in={r["parent_code"] for r in level_rows if r["parent_code"]}
            ).values_list("code", "id")
        )
        to_create, to_update = [], []
        for r in level_rows:
            parent_id = parent_ids.get(r["parent_code"]) if r["parent_code"] else None
            current = existing.get(r["code"])
            if current is None:
                to_create.append(Region(code=r["code"], name=r["name"], level=level, parent_id=parent_id))
            elif (current.name, current.level, current.parent_id) != (r["name"], level, parent_id):
                current.name, current.level, current.parent_id = r["name"], level, parent_id
                to_update.append(current)
            else:
                unchanged += 1
        Region.objects.bulk_create(to_create, batch_size=2000)
        Region.objects.bulk_update(to_update, ["name", "level", "parent"], batch_size=2000)
        created += len(to_create)
        updated += len(to_update)
    return LoadResult(created, updated, unchanged)


def load_regions(source: str | Path | IO[bytes], filename: str | None = None) -> LoadResult:
    """Read a CSV/XLSX file and load it (raises ImportRejected listing every bad row, saving nothing)."""
    return load_region_rows(read_rows(source, filename, columns=len(COLUMNS)))
