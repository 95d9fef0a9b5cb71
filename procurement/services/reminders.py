"""Supervision reminders (粤民发〔2018〕170号 一(七): 事中监管): rectifications past their due date and signed contracts
whose start date has passed without starting (usually: no takeover plan yet). In-app notifications, idempotent."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.access import users_with_role
from regions.choices import Role
from regions.notifications import notify_digest

from ..choices import ContractStatus
from ..models import Contract, MonitoringRecord

#: who acts on a purchaser's contracts
NOTIFIED_ROLES = (Role.COUNTY_ADMIN, Role.COUNTY_STAFF, Role.TOWNSHIP_STAFF)


def send_supervision_reminders(*, today: dt.date | None = None) -> int:
    """Remind the purchaser's staff of overdue rectifications and of contracts that should have started: one
    notification a day per person listing them (issue 14; a second run the same day sends nothing new). Returns
    how many people were told anything new."""
    today = today or timezone.localdate()
    overdue = list(
        MonitoringRecord.objects.filter(rectification_due__lt=today, rectified_on=None)
        .exclude(rectification_demanded="")
        .select_related("contract__project__purchaser", "contract__contractor")
    )
    unstarted = list(
        Contract.objects.filter(status=ContractStatus.SIGNED, start_date__lte=today).select_related(
            "project__purchaser", "contractor"
        )
    )
    codes = {r.contract.project.purchaser.code for r in overdue} | {
        c.project.purchaser.code for c in unstarted
    }
    staff = users_with_role(codes, NOTIFIED_ROLES)
    lines: dict = defaultdict(list)
    for record in overdue:
        contract = record.contract
        text = _(
            "合同 %(number)s（%(contractor)s）：%(checked)s 检查提出的整改“%(demand)s”已过期限 %(due)s"
        ) % {
            "number": contract.number,
            "contractor": contract.contractor.name,
            "checked": f"{record.checked_on:%Y-%m-%d}",
            "demand": record.rectification_demanded,
            "due": f"{record.rectification_due:%Y-%m-%d}",
        }
        for user in staff[contract.project.purchaser.code]:
            lines[user].append(f"{text} {reverse('procurement:contract_detail', args=[contract.pk])}")
    for contract in unstarted:
        words = {"number": contract.number, "start": f"{contract.start_date:%Y-%m-%d}"}
        if hasattr(contract, "takeover_plan"):
            text = _("合同 %(number)s 服务开始日期 %(start)s 已到，尚未开始履行") % words
        else:
            text = _("合同 %(number)s 服务开始日期 %(start)s 已到，尚无临时接管预案，尚未开始履行") % words
        for user in staff[contract.project.purchaser.code]:
            lines[user].append(f"{text} {reverse('procurement:contract_detail', args=[contract.pk])}")
    return notify_digest(
        lines,
        kind="procurement_reminders",
        day=today,
        title=lambda n: _("%(n)s 项合同监管待办（整改逾期或未开始履行）") % {"n": n},
        url=reverse("procurement:contract_list"),
    )
