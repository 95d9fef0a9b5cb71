"""Counting working days over a holiday table passed in (no domain, no models).

`calendar` maps a date to True (a working day, e.g. a weekend make-up workday 调休上班) or False (a holiday); a date
absent from it is a working day from Monday to Friday. Whoever owns a holiday table builds the mapping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping


def is_working_day(day: dt.date, calendar: Mapping[dt.date, bool]) -> bool:
    if day in calendar:
        return calendar[day]
    return day.weekday() < 5


def working_days_after(start: dt.date, end: dt.date, calendar: Mapping[dt.date, bool]) -> int:
    """Working days after `start` up to and including `end` (0 when `end` is not after `start`)."""
    count = 0
    day = start + dt.timedelta(days=1)
    while day <= end:
        count += is_working_day(day, calendar)
        day += dt.timedelta(days=1)
    return count
