"""The overview as pages and the API read it: snapshots only (one query for the rows, one for the thresholds)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Max
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions import access
from regions.choices import RegionLevel
from regions.models import Region
from regions.rules import ancestor_codes, level_for_code

from .. import rules
from ..models import OverviewSnapshot, Threshold

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

OVERVIEW_LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)


@dataclass
class Row:
    code: str
    name: str
    level: str
    figures: dict[str, Any]
    own: bool = False
    colours: dict[str, str] = field(default_factory=dict)

    def as_api(self) -> dict[str, Any]:
        return {"region": self.code, "name": self.name, **self.figures}


@dataclass
class Overview:
    region: Region
    period: str | None
    computed_at: dt.datetime | None
    own: Row | None
    children: list[Row]
    breadcrumbs: list[Region]


def default_region(user: Any) -> str:
    """The region a user's overview opens on: their widest grant (superuser: the province)."""
    prefixes = access.visible_prefixes(user)
    if access.sees_everything(user) or not prefixes:
        return "44"
    return min(prefixes, key=len)


def periods(user: Any, code: str) -> list[str]:
    return list(
        OverviewSnapshot.objects.filter(region_code=code)
        .values_list("period", flat=True)
        .order_by("-period")[:36]
    )


def latest_period(code: str) -> str | None:
    return OverviewSnapshot.objects.filter(region_code=code).aggregate(p=Max("period"))["p"]


def thresholds() -> dict[str, Threshold]:
    return {f"{t.area}.{t.figure}": t for t in Threshold.objects.all()}


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


def colours(figures: dict[str, Any], table: dict[str, Threshold]) -> dict[str, str]:
    """'area.figure' → red/amber/green by the thresholds (data); 'none' (grey) where the area has no data
    (rules.no_data_colour: never green)."""
    out = {}
    for key, t in table.items():
        area, name = key.split(".", 1)
        value = figures.get(area, {}).get(name)
        if isinstance(value, (int, float)) or value is None:
            out[key] = rules.colour(
                value, amber=_num(t.amber), red=_num(t.red), higher_is_worse=t.higher_is_worse
            )
    for area, name, _label in COLUMNS:
        key = f"{area}.{name}"
        shown = rules.no_data_colour(area, name, out.get(key, ""), figures)
        if shown:
            out[key] = shown
    return out


def _row(snap: OverviewSnapshot, table: dict[str, Threshold], *, own: bool = False) -> Row:
    name = _("{name}（本级合计）").format(name=snap.region.name) if own else snap.region.name
    return Row(snap.region_code, name, snap.level, snap.figures, own, colours(snap.figures, table))


def overview(user: Any, *, code: str | None, period: str | None) -> Overview:
    """The region's own row and one row per child region the user may see. 404 out of scope or for a region
    below a county; ValidationError-free: a malformed period reads as no data."""
    code = code or default_region(user)
    if level_for_code(code) not in OVERVIEW_LEVELS:
        raise Http404
    access.require_visible(user, code)
    chain = {r.code: r for r in Region.objects.filter(code__in=[*ancestor_codes(code), code])}
    if code not in chain:
        raise Http404
    breadcrumbs = [chain[c] for c in ancestor_codes(code) if c in chain and access.can_see_code(user, c)]
    period = period or latest_period(code)
    if period is None or rules.period_error(period):
        return Overview(chain[code], period, None, None, [], breadcrumbs)
    child_len = rules.CHILD_LENGTH[len(code)]
    snaps = list(
        OverviewSnapshot.objects.visible_to(user)
        .filter(period=period, region_code__startswith=code)
        .filter(level__in=[level_for_code(code), level_for_code("0" * child_len)])
        .select_related("region")
        .order_by("region_code")
    )
    table = thresholds()
    own = next((_row(s, table, own=True) for s in snaps if s.region_code == code), None)
    children = [_row(s, table) for s in snaps if len(s.region_code) == child_len]
    computed = max((s.computed_at for s in snaps), default=None)
    return Overview(chain[code], period, computed, own, children, breadcrumbs)


def previous_row(code: str, period: str) -> dict[str, Any] | None:
    """The region's figures of the month before (the brief's month-on-month change)."""
    snap = OverviewSnapshot.objects.filter(region_code=code, period=rules.previous_period(period)).first()
    return snap.figures if snap else None


#: (area, figure, label) of the overview's columns, for the page, the Excel export and the brief
COLUMNS: tuple[tuple[str, str, StrOrPromise], ...] = (
    ("staffing", "required", gettext_lazy("应配经办人员")),
    ("staffing", "actual", gettext_lazy("实配经办人员")),
    ("staffing", "short_regions", gettext_lazy("不达标县、乡镇")),
    ("staffing", "no_data_regions", gettext_lazy("无户数数据")),
    ("staffing", "villages_without_coordinator", gettext_lazy("无协理员的村")),
    ("windows", "received", gettext_lazy("受理")),
    ("windows", "closed", gettext_lazy("办结")),
    ("windows", "overdue_now", gettext_lazy("当前超期")),
    ("windows", "ever_overdue", gettext_lazy("曾超期")),
    ("windows", "cross_region_share", gettext_lazy("异地申请占比")),
    ("windows", "median_working_days", gettext_lazy("办结用时中位数（工作日）")),
    ("procurement", "projects", gettext_lazy("购买服务项目")),
    ("procurement", "contracted_amount", gettext_lazy("合同金额（元）")),
    ("procurement", "in_supervision", gettext_lazy("监管中合同")),
    ("procurement", "evaluations_published", gettext_lazy("已公布评价")),
    ("procurement", "rectifications_open", gettext_lazy("未完成整改")),
    ("procurement", "debarments", gettext_lazy("禁入中")),
    ("training", "workers", gettext_lazy("在岗人员")),
    ("training", "compliant_share", gettext_lazy("培训达标率")),
    ("training", "levels_held", gettext_lazy("已举办年度培训的层级")),
    ("funding", "work_fund_below", gettext_lazy("工作经费低于参考值的县")),
    ("funding", "pay_below", gettext_lazy("派遣人员薪酬低于参考值的县")),
)
GRADE_LABELS = (
    ("excellent", gettext_lazy("优秀")),
    ("good", gettext_lazy("良好")),
    ("pass", gettext_lazy("合格")),
    ("fail", gettext_lazy("不合格")),
)


def cells(row: Row) -> list[Any]:
    """The row's values in COLUMNS order, then the four grades."""
    f = row.figures
    values: list[Any] = [f.get(area, {}).get(name) for area, name, _label in COLUMNS]
    return values + [f["procurement"]["grades"].get(g, 0) for g, _label in GRADE_LABELS]


def headers() -> list[str]:
    grades = [_("评价{grade}").format(grade=label) for _grade, label in GRADE_LABELS]
    return [str(label) for _area, _name, label in COLUMNS] + grades
