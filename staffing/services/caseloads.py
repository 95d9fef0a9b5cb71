"""Caseload writes: validate a whole batch (rows from the API or a spreadsheet), then upsert it all at once.

Aid households are recorded at the smallest level the source gives (village, township, or county); a region
never reports when a region above or below it reports for the same period: that would count twice (二(二)).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import reduce
from operator import or_

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.tabular import ImportRejected, RowError
from regions import access
from regions.choices import INTAKE_ROLES, RegionLevel
from regions.models import Region
from regions.rules import ancestor_codes

from .. import rules
from ..models import Caseload
from .compliance import compliance_request

COUNT_FIELDS = ("dibao_households", "tekun_households", "temporary_households")
#: a missing value in these reads as 0; the others are required
OPTIONAL_COUNTS = frozenset({"temporary_households"})
REPORTING_LEVELS = frozenset({RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE})


def parse_count(value) -> int | None:
    """A non-negative integer from JSON or a spreadsheet cell (int, integral float, or digits), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value >= 0 else None
    if isinstance(value, str):
        text = value.strip()
        if text.endswith(".0"):
            text = text[:-2]
        return int(text) if text.isdigit() else None
    return None


def _region_error(actor, code: str, found: tuple[int, str] | None) -> str | None:
    """Why a row cannot report for the region `code` (found: its pk and level), or None."""
    if not code:
        return _("请填写区划代码")
    if found is None or not access.can_see_code(actor, code):
        return _("区划代码 {code} 不存在或不在您的权限范围内").format(code=code)
    if not access.has_role(actor, code, INTAKE_ROLES):  # a provincial system's account uploads caseloads
        return _("您在该区域没有此操作的权限")
    if found[1] not in REPORTING_LEVELS:
        return _("户数应在县、乡镇或村（社区）一级上报")
    return None


def _period_error(period: str, this_month: str) -> str | None:
    problem = rules.period_error(period)
    if problem:
        return problem
    if period > this_month:
        return _("不能上报未来月份")
    return None


def _counts(number: int, data: dict) -> tuple[dict, list[RowError]]:
    """The row's counts (a missing optional count reads as 0) and an error for each count that is not one."""
    counts, errors = {}, []
    for field in COUNT_FIELDS:
        raw = data.get(field)
        if (raw is None or raw == "") and field in OPTIONAL_COUNTS:
            counts[field] = 0
            continue
        value = parse_count(raw)
        if value is None:
            errors.append(RowError(number, field, _("应为非负整数")))
        else:
            counts[field] = value
    return counts, errors


def validate_rows(
    *,
    actor,
    rows: Sequence[tuple[int, dict]],
    today: dt.date,
    progress: Callable[[int, int], None] | None = None,
) -> list[dict]:
    """Check every row; raise ImportRejected with every error (row, column, reason), or return clean rows
    ({row, region_id, region_code, period, counts…}). Nothing is written."""
    errors: list[RowError] = []
    codes = {str(data.get("region") or "").strip() for _, data in rows}
    regions = {
        code: (pk, level)
        for code, pk, level in Region.objects.filter(code__in=codes).values_list("code", "pk", "level")
    }
    this_month = rules.period_of(today)
    clean: list[dict] = []
    seen: dict[tuple[str, str], int] = {}
    for index, (number, data) in enumerate(rows):
        row_errors: list[RowError] = []
        code = str(data.get("region") or "").strip()
        found = regions.get(code)
        problem = _region_error(actor, code, found)
        if problem:
            row_errors.append(RowError(number, "region", problem))
        period = rules.period_from_cell(data.get("period"))
        problem = _period_error(period, this_month)
        if problem:
            row_errors.append(RowError(number, "period", problem))
        counts, count_errors = _counts(number, data)
        row_errors.extend(count_errors)
        if not row_errors:
            key = (code, period)
            if key in seen:
                row_errors.append(
                    RowError(
                        number,
                        "region",
                        _("与第{value}行重复（同一区域同一月份）").format(value=seen[key]),
                    )
                )
            else:
                seen[key] = number
        if row_errors or found is None:
            errors.extend(row_errors)
        else:
            clean.append(
                {"row": number, "region_id": found[0], "region_code": code, "period": period, **counts}
            )
        if progress and index % 500 == 0:
            progress(index, len(rows))
    errors.extend(_double_counting_errors(clean))
    if errors:
        raise ImportRejected(sorted(errors, key=lambda e: (e.row, e.column)))
    return clean


def _double_counting_errors(clean: list[dict]) -> list[RowError]:
    """Rows whose region has a reporting region above or below it for the same period (in the batch or saved)."""
    if not clean:
        return []
    periods = {r["period"] for r in clean}
    counties = {r["region_code"][:6] for r in clean}
    reported: dict[str, set[str]] = defaultdict(set)
    existing = Caseload.objects.filter(period__in=periods).filter(
        reduce(or_, (Q(region__code__startswith=c) for c in counties))
    )
    for code, period in existing.values_list("region__code", "period"):
        reported[period].add(code)
    for r in clean:
        reported[r["period"]].add(r["region_code"])
    above: dict[str, set[str]] = {
        period: {a for code in codes for a in ancestor_codes(code)} for period, codes in reported.items()
    }
    errors = []
    for r in clean:
        code, period = r["region_code"], r["period"]
        if code in above[period]:
            errors.append(
                RowError(
                    r["row"],
                    "region",
                    _("{period} 下级区域已上报户数，再报 {code} 会重复计算").format(period=period, code=code),
                )
            )
        elif any(a in reported[period] for a in ancestor_codes(code) if len(a) >= 6):
            errors.append(
                RowError(
                    r["row"],
                    "region",
                    _("{period} 上级区域已上报户数，再报 {code} 会重复计算").format(period=period, code=code),
                )
            )
    return errors


@transaction.atomic
def caseload_save_rows(*, actor, clean: list[dict]) -> dict[str, int]:
    """Upsert validated rows by (region, period) in one transaction, one audit row per change; recompute the
    affected periods on commit. Returns {"created": n, "updated": m, "unchanged": k}."""
    existing = {
        (c.region_id, c.period): c
        for c in Caseload.objects.filter(
            period__in={r["period"] for r in clean}, region_id__in={r["region_id"] for r in clean}
        )
    }
    to_create, to_update, changes = [], [], []
    for r in clean:
        current = existing.get((r["region_id"], r["period"]))
        if current is None:
            obj = Caseload(region_id=r["region_id"], period=r["period"], **{f: r[f] for f in COUNT_FIELDS})
            to_create.append(obj)
            changes.append((obj, LogEntry.Action.CREATE, {f: ["None", str(r[f])] for f in COUNT_FIELDS}))
            continue
        diff = {f: [str(getattr(current, f)), str(r[f])] for f in COUNT_FIELDS if getattr(current, f) != r[f]}
        if diff:
            for f in COUNT_FIELDS:
                setattr(current, f, r[f])
            current.updated_at = timezone.now()
            to_update.append(current)
            changes.append((current, LogEntry.Action.UPDATE, diff))
    Caseload.objects.bulk_create(to_create, batch_size=2000)
    if any(obj.pk is None for obj in to_create):  # a database that returns no ids: read them back
        ids = {
            (region_id, period): pk
            for region_id, period, pk in Caseload.objects.filter(
                period__in={o.period for o in to_create}, region_id__in={o.region_id for o in to_create}
            ).values_list("region_id", "period", "pk")
        }
        for obj in to_create:
            obj.pk = ids.get((obj.region_id, obj.period))
    Caseload.objects.bulk_update(to_update, [*COUNT_FIELDS, "updated_at"], batch_size=2000)
    _log_changes(actor, changes)
    for period in sorted({r["period"] for r in clean}):
        compliance_request(period)
    return {"created": len(to_create), "updated": len(to_update), "unchanged": len(clean) - len(changes)}


def _log_changes(actor, changes) -> None:
    """Bulk writes skip model signals: write the change history rows directly, one per record."""
    content_type = ContentType.objects.get_for_model(Caseload)
    actor = actor if getattr(actor, "is_authenticated", False) else None
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(obj.pk),
                object_id=obj.pk,
                object_repr=str(obj),
                action=action,
                changes=diff,
                changes_text="",
                actor=actor,
            )
            for obj, action, diff in changes
        ],
        batch_size=2000,
    )


def caseload_bulk_upsert(*, actor, rows: Sequence[dict], today: dt.date | None = None) -> dict[str, int]:
    """All-or-nothing upsert of caseload dicts ({region, period, dibao_households, …}); rows are numbered from 1.
    Raises ImportRejected with every bad row; otherwise returns the counts."""
    today = today or timezone.localdate()
    clean = validate_rows(actor=actor, rows=list(enumerate(rows, start=1)), today=today)
    return caseload_save_rows(actor=actor, clean=clean)
