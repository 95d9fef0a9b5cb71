"""The dashboard's table of child regions (issue 14): its columns change with the level below the focus, and a
click on a header sorts the rows the dashboard already built (?sort=<key> or ?sort=-<key>; at most a few dozen
rows, so in Python and without paging). A row without the figure (no caseload data) sorts last both ways."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from regions.choices import RegionLevel

from ..choices import ComplianceStatus
from ..selectors import Figures

#: the status column sorts by how much it needs attention: short first (ascending), then no data, flagged, compliant
STATUS_RANK: dict[str, int] = {
    ComplianceStatus.SHORT: 0,
    ComplianceStatus.NO_DATA: 1,
    ComplianceStatus.FLAGGED: 2,
    ComplianceStatus.COMPLIANT: 3,
}


def _own(field: str) -> Callable[[Figures], Any]:
    return lambda f: getattr(f.own, field) if f.own is not None else None


def _status(f: Figures) -> Any:
    return STATUS_RANK.get(f.own.status) if f.own is not None else None


@dataclass(frozen=True)
class ChildColumn:
    key: str
    label: str | Promise
    value: Callable[[Figures], Any]
    css: str = "num"


NAME = ChildColumn("name", _("区域"), lambda f: f.name, css="")
CITY_COLUMNS = (
    NAME,
    ChildColumn("counties_short", _("不达标县"), lambda f: f.counties_short),
    ChildColumn("townships_short", _("不达标乡镇"), lambda f: f.townships_short),
    ChildColumn("no_data", _("无户数数据"), lambda f: f.counties_no_data + f.townships_no_data),
    ChildColumn("required", _("应配"), lambda f: f.required),
    ChildColumn("actual", _("实配"), lambda f: f.actual),
    ChildColumn("shortfall", _("缺口"), lambda f: f.shortfall),
    ChildColumn("villages_without", _("无协理员村"), lambda f: f.villages_without),
)
VILLAGE_COLUMNS = (
    NAME,
    ChildColumn("households", _("户数"), _own("households")),
    ChildColumn("staff", _("协理员"), _own("actual_staff")),
    ChildColumn("status", _("状态"), _status, css=""),
)
_AREA_HEAD = (
    NAME,
    ChildColumn("households", _("户数"), _own("households")),
    ChildColumn("required", _("应配"), _own("required_staff")),
    ChildColumn("actual", _("实配"), _own("actual_staff")),
    ChildColumn("shortfall", _("缺口"), _own("shortfall")),
    ChildColumn("status", _("状态"), _status, css=""),
)
VILLAGES_WITHOUT = ChildColumn("villages_without", _("无协理员村"), lambda f: f.villages_without)
COUNTY_COLUMNS = (
    *_AREA_HEAD,
    ChildColumn("townships_short", _("不达标乡镇"), lambda f: f.townships_short),
    VILLAGES_WITHOUT,
)
TOWNSHIP_COLUMNS = (*_AREA_HEAD, VILLAGES_WITHOUT)


def columns_for(child_level: str | None) -> Sequence[ChildColumn]:
    if child_level == RegionLevel.CITY:
        return CITY_COLUMNS
    if child_level == RegionLevel.VILLAGE:
        return VILLAGE_COLUMNS
    return COUNTY_COLUMNS if child_level == RegionLevel.COUNTY else TOWNSHIP_COLUMNS


@dataclass
class ChildTable:
    """The headers (the shape includes/table_head.html reads from a Listing) and the rows in the order asked."""

    headers: list[dict[str, Any]]
    rows: list[Figures]
    sort: str


def child_table(children: list[Figures], child_level: str | None, wanted: str) -> ChildTable:
    columns = columns_for(child_level)
    by_key = {c.key: c for c in columns}
    column = by_key.get(wanted.lstrip("-"))
    rows = list(children)  # by region code, as the selector built them
    sort = ""
    if column is not None:
        sort = wanted
        descending = wanted.startswith("-")
        known = [r for r in rows if column.value(r) is not None]
        missing = [r for r in rows if column.value(r) is None]
        known.sort(key=column.value, reverse=descending)  # stable: ties stay by region code both ways
        rows = known + missing
    headers = []
    for c in columns:
        state = ""
        if sort.lstrip("-") == c.key:
            state = "descending" if sort.startswith("-") else "ascending"
        headers.append(
            {
                "label": c.label,
                "css": c.css,
                "sortable": True,
                "next": f"-{c.key}" if state == "ascending" else c.key,
                "aria_sort": state,
            }
        )
    return ChildTable(headers=headers, rows=rows, sort=sort)
