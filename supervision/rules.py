"""Pure rules of supervision by upper levels (粤民发〔2018〕170号 一(七): 上级人民政府和民政部门要加强对下级人民政府
和民政部门购买社会救助服务的业务指导和监督). No ORM; `today` passed in.

An upper level (a city or the province) records an inspection or an instruction on a county's object (finding,
requirement, deadline); the county answers with its rectification and evidence; the upper level closes it or sends
it back (the county answers again).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from .choices import InstructionStatus

INSTRUCTION_TRANSITIONS: dict[tuple[str, str], str] = {
    (InstructionStatus.OPEN, "answer"): InstructionStatus.ANSWERED,
    (InstructionStatus.ANSWERED, "return"): InstructionStatus.OPEN,
    (InstructionStatus.ANSWERED, "close"): InstructionStatus.CLOSED,
}

#: the target must be a county's: a county, township or village code (6, 9 or 12 digits)
COUNTY_CODE_LENGTH = 6


def target_region_error(code: str) -> str | None:
    """Supervision is of a county's work: the target's region is a county or a region inside one."""
    if len(code) < COUNTY_CODE_LENGTH:
        return _("督导对象应为县（市、区）及以下的项目、合同、窗口或区域")
    return None


def issuer_error(*, issuer_codes: list[str], target_code: str) -> str | None:
    """The issuer is an upper level of the target: a city or province grant above the target's county."""
    if not any(len(c) < COUNTY_CODE_LENGTH and target_code.startswith(c) for c in issuer_codes):
        return _("只有上级（市、省）民政部门可以下达检查或督办意见")
    return None


def deadline_error(*, deadline: dt.date, today: dt.date) -> str | None:
    if deadline < today:
        return _("整改期限不能早于今天")
    return None


def is_overdue(*, status: str, deadline: dt.date, today: dt.date) -> bool:
    """Overdue: not yet answered (open, or sent back) after the deadline day."""
    return status == InstructionStatus.OPEN and today > deadline


def text_required(value: str, field: str, label: str) -> dict[str, str]:
    return {} if (value or "").strip() else {field: _("请填写{label}").format(label=label)}
