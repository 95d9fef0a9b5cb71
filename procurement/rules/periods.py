"""Minimum periods from issuing the procurement documents to the response deadline (domain.md 12)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core.workdays import working_days_after

from ..choices import Method

#: method → (minimum, counted in working days?, the clause)
RESPONSE_PERIODS: dict[str, tuple[int, bool, str]] = {
    Method.OPEN_TENDER: (20, False, "政府采购法 第三十五条"),
    Method.INVITED_TENDER: (20, False, "政府采购法 第三十五条"),
    # 财政部令第74号 第二十九条 (negotiation) and 第四十五条 (inquiry, not a method for services here)
    Method.NEGOTIATION: (3, True, "财政部令第74号《政府采购非招标采购方式管理办法》第二十九条"),
    Method.CONSULTATION: (10, False, "财库〔2014〕214号《政府采购竞争性磋商采购方式管理暂行办法》第十条"),
}

PERIOD_TOO_SHORT = "response_period_too_short"


def response_period_error(
    method: str, issued_on: dt.date, deadline: dt.date, calendar: Mapping[dt.date, bool]
) -> str | None:
    """Why `deadline` is too early for `method` when the documents are issued on `issued_on` (None when it is not).

    Counted from the day after issue up to and including the deadline (自…发出之日起至…截止之日止不得少于…).
    Single source and below-limit purchases have no minimum.
    """
    if method not in RESPONSE_PERIODS:
        return None
    minimum, working, clause = RESPONSE_PERIODS[method]
    if working:
        have = working_days_after(issued_on, deadline, calendar)
        unit = pgettext("response period", "个工作日")
    else:
        have = (deadline - issued_on).days
        unit = pgettext("response period", "日")
    if have >= minimum:
        return None
    return _(
        "{method}自采购文件发出之日起至响应截止之日止不得少于{minimum}{unit}（{clause}），当前仅{have}{unit}"
    ).format(method=Method(method).label, minimum=minimum, unit=unit, clause=clause, have=max(have, 0))
