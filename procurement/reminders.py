"""Supervision reminders (粤民发〔2018〕170号 一(七): 事中监管): rectifications past their due date and signed contracts
whose start date has passed without starting (usually: no takeover plan yet). In-app notifications, idempotent."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from regions.models import RegionUserObjectPermission
from regions.notifications import notify
from regions.rules import ancestor_codes

from .choices import ContractStatus
from .models import Contract, MonitoringRecord

#: who acts on a purchaser's contracts
NOTIFIED_ROLES = ("role_county_admin", "role_county_staff", "role_township_staff")


def _acting_users(codes: set[str]) -> dict[str, list]:
    """Users holding an acting role on each code or a county/township above it (one query)."""
    wanted = {c for code in codes for c in [*ancestor_codes(code), code] if len(c) >= 6}
    rows = list(
        RegionUserObjectPermission.objects.filter(
            content_object__code__in=wanted, permission__codename__in=NOTIFIED_ROLES
        ).values_list("content_object__code", "user_id")
    )
    users = get_user_model().objects.in_bulk({uid for _, uid in rows})
    return {
        code: list({uid: users[uid] for c, uid in rows if c in {*ancestor_codes(code), code}}.values())
        for code in codes
    }


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
    staff = _acting_users(codes)
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
