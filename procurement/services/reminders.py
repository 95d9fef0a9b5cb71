"""Supervision reminders (粤民发〔2018〕170号 一(七): 事中监管): rectifications past their due date and signed contracts
whose start date has passed without starting (usually: no takeover plan yet). In-app notifications, idempotent."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from regions.access import users_with_role
from regions.choices import Role
from regions.notifications import notify

from ..choices import ContractStatus
from ..models import Contract, MonitoringRecord

#: who acts on a purchaser's contracts
NOTIFIED_ROLES = (Role.COUNTY_ADMIN, Role.COUNTY_STAFF, Role.TOWNSHIP_STAFF)


def send_supervision_reminders(*, today: dt.date | None = None) -> int:
    """Notify the purchaser's staff of overdue rectifications and of contracts that should have started.
    A second run on the same day (or later, for the same record) sends nothing new. Returns how many were sent."""
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
    sent = 0
    for record in overdue:
        contract = record.contract
        sent += notify(
            staff[contract.project.purchaser.code],
            title=f"整改逾期：{contract.contractor.name}（合同{contract.number}）",
            body=f"{record.checked_on:%Y-%m-%d} 检查提出的整改要求“{record.rectification_demanded}”已过期限"
            f" {record.rectification_due:%Y-%m-%d}，尚未登记完成。",
            url=reverse("procurement:contract_detail", args=[contract.pk]),
            kind="procurement_rectification_overdue",
            key=f"procurement:rectification:{record.pk}",
        )
    for contract in unstarted:
        plan = "尚无临时接管预案，" if not hasattr(contract, "takeover_plan") else ""
        sent += notify(
            staff[contract.project.purchaser.code],
            title=f"合同未开始履行：{contract.number}",
            body=f"服务开始日期 {contract.start_date:%Y-%m-%d} 已到，{plan}合同尚未开始履行。",
            url=reverse("procurement:contract_detail", args=[contract.pk]),
            kind="procurement_contract_not_started",
            key=f"procurement:unstarted:{contract.pk}",
        )
    return sent
