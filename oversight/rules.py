"""Pure rules of the overview: periods, medians, colours by thresholds. No ORM."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
#: the levels that have an overview page (province, city, county) and the township rows of a county's page
OVERVIEW_CODE_LENGTHS = (2, 4, 6, 9)
CHILD_LENGTH = {2: 4, 4: 6, 6: 9}


def period_error(period: str) -> str | None:
    if not PERIOD_RE.match(period or ""):
        return _("月份格式应为 YYYY-MM")
    return None


def month_bounds(period: str) -> tuple[dt.date, dt.date]:
    """The first and the last day of the month `YYYY-MM`."""
    year, month = int(period[:4]), int(period[5:7])
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - dt.timedelta(days=1)


def previous_period(period: str) -> str:
    year, month = int(period[:4]), int(period[5:7])
    return f"{year - 1}-12" if month == 1 else f"{year}-{month - 1:02d}"


def period_of(day: dt.date) -> str:
    return f"{day.year}-{day.month:02d}"


def median(values: Iterable[int]) -> float | None:
    """The median (the mean of the two middle values for an even count); None for no values."""
    ordered = sorted(values)
    n = len(ordered)
    if not n:
        return None
    mid = n // 2
    return float(ordered[mid]) if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def prefixes(code: str) -> list[str]:
    """The overview codes a region code counts towards: its province, city, county and township prefixes."""
    return [code[:n] for n in OVERVIEW_CODE_LENGTHS if len(code) >= n]


def colour(value: float | None, *, amber: float | None, red: float | None, higher_is_worse: bool) -> str:
    """'red', 'amber', 'green', or '' when there is no value: thresholds are data (Threshold rows)."""
    if value is None:
        return ""
    worse = (lambda v, t: v >= t) if higher_is_worse else (lambda v, t: v <= t)
    if red is not None and worse(value, red):
        return "red"
    if amber is not None and worse(value, amber):
        return "amber"
    return "green"


#: the figures of an area that say whether it has data at all (issue 14: no data is grey, never green)
ACTIVITY_FIGURES = {
    "windows": ("received", "closed", "overdue_now", "ever_overdue"),
    "training": ("workers",),
}


def no_data_areas(figures: dict) -> set[str]:
    """The areas of a region's figures without data: staffing when some region below has no households
    (its "0 short" is not a pass), windows without any case, training without any worker."""
    out = {"staffing"} if (figures.get("staffing") or {}).get("no_data_regions") else set()
    for area, names in ACTIVITY_FIGURES.items():
        values = figures.get(area) or {}
        if not any(values.get(name) for name in names):
            out.add(area)
    return out


def no_data_colour(area: str, name: str, colour_: str, figures: dict) -> str:
    """The colour shown: 'none' (grey) instead of green or blank where the area has no data, and for the count
    of regions without data itself; red and amber stay."""
    if (area, name) == ("staffing", "no_data_regions") and (figures.get("staffing") or {}).get(name):
        return colour_ if colour_ in ("red", "amber") else "none"
    if area in no_data_areas(figures) and colour_ in ("green", ""):
        return "none"
    return colour_


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


MINUTES_EXTENSIONS = frozenset({".pdf", ".doc", ".docx", ".jpg", ".jpeg", ".png"})
MINUTES_MAX_BYTES = 10 * 1024 * 1024


def minutes_error(name: str, size: int) -> str | None:
    """Why a minutes file is refused (type and size limits), or None."""
    ext = ("." + name.rsplit(".", 1)[-1].lower()) if "." in (name or "") else ""
    if ext not in MINUTES_EXTENSIONS:
        return _("不支持的文件类型 {ext}，会议纪要仅限 PDF、Word 或图片").format(ext=ext or _("（无扩展名）"))
    if size > MINUTES_MAX_BYTES:
        return _("会议纪要文件超过 10MB")
    if size == 0:
        return _("会议纪要文件为空")
    return None


def is_overdue(status: str, deadline: dt.date, today: dt.date) -> bool:
    """An issue still open after its deadline day."""
    return status == "open" and today > deadline


def work_fund_minimum(dibao_previous_year: Decimal, share: Decimal) -> Decimal:
    """The county work fund the implementation plan expects: `share` (3 %) of last year's dibao spending, to the
    fen (粤民发〔2018〕170号 一(五); the share is reference data)."""
    return (dibao_previous_year * share).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def pay_per_person(pay_total: Decimal, staff: int) -> Decimal | None:
    return (pay_total / staff).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) if staff else None


def pay_minimum_for(code: str, references: list[tuple[list[str], Decimal]]) -> Decimal | None:
    """The dispatched-staff pay reference for a region: the one whose city list holds its city (the Pearl River
    Delta's), else the one without a list (elsewhere)."""
    default = None
    for prefixes, value in references:
        if not prefixes:
            default = value
        elif code[:4] in prefixes:
            return value
    return default


def funding_flags(
    *,
    work_fund: Decimal,
    dibao_previous_year: Decimal,
    share: Decimal | None,
    pay_total: Decimal,
    staff: int,
    pay_minimum: Decimal | None,
) -> dict[str, bool]:
    """Whether a county's recorded figures fall below the reference values (equal is not below)."""
    fund_below = share is not None and work_fund < work_fund_minimum(dibao_previous_year, share)
    pay = pay_per_person(pay_total, staff)
    pay_below = pay is not None and pay_minimum is not None and pay < pay_minimum
    return {"work_fund_below": fund_below, "pay_below": pay_below}
