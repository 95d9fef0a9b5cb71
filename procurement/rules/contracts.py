"""Contracts (粤民发〔2018〕170号 一(五), 一(七)): amount within budget, the takeover plan."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _

from ..choices import (
    TakeoverParty,
)


def contract_errors(*, amount: Decimal, budget: Decimal, start: dt.date, end: dt.date) -> dict[str, str]:
    """The contract amount may not exceed the budget (粤民发〔2018〕170号 一(五)); the period must be ordered."""
    errors: dict[str, str] = {}
    if amount > budget:
        errors["amount"] = _("合同金额不得超过项目预算（{budget} 元）").format(budget=budget)
    if end < start:
        errors["end_date"] = _("服务结束日期不能早于开始日期")
    return errors


def takeover_plan_errors(
    *,
    party: str,
    standby_contractor_id: int | None,
    contractor_id: int,
    staff_description: str,
    triggers: str,
    handover: str,
) -> dict[str, str]:
    """A takeover plan names who takes over, when it is triggered and how recipients are handed over
    (粤民发〔2018〕170号 一(七))."""
    errors: dict[str, str] = {}
    if party == TakeoverParty.STANDBY_CONTRACTOR:
        if not standby_contractor_id:
            errors["standby_contractor"] = _("须指定备用承接主体")
        elif standby_contractor_id == contractor_id:
            errors["standby_contractor"] = _("备用承接主体不能是合同承接主体本身")
    elif party == TakeoverParty.PURCHASER_STAFF:
        if not staff_description.strip():
            errors["staff_description"] = _("须写明接管人员安排")
    else:
        errors["party"] = _("未知的接管方")
    if not triggers.strip():
        errors["triggers"] = _("须写明启动条件")
    if not handover.strip():
        errors["handover"] = _("须写明服务对象交接方式")
    return errors
