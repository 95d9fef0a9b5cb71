"""Reminders for evaluations due at contract end (粤民发〔2018〕170号 一(六)): in-app notifications, idempotent."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from regions.models import RegionUserObjectPermission
from regions.notifications import notify
from regions.rules import ancestor_codes

from ..choices import EvaluationStatus, RectificationStatus
from ..models import Evaluation, Rectification
from ..rules import reminder_due

#: days before the contract's end that its evaluation is brought to mind (a setting, default 30)
DEFAULT_LEAD_DAYS = 30
#: who acts on a purchaser's evaluations: its county admins and staff (and those of townships that purchase)
NOTIFIED_ROLES = ("role_county_admin", "role_county_staff", "role_township_staff")


def _staff_by_code(codes: set[str]) -> dict[str, list]:
    """Users holding an acting role on each of `codes` or a region above it (one query)."""
    wanted = {c for code in codes for c in [*ancestor_codes(code), code] if len(c) >= 6}
    rows = RegionUserObjectPermission.objects.filter(
        content_object__code__in=wanted, permission__codename__in=NOTIFIED_ROLES
    ).values_list("content_object__code", "user_id")
    users = get_user_model().objects.in_bulk({uid for _, uid in rows})
    out: dict[str, list] = {}
    for code in codes:
        above = {*ancestor_codes(code), code}
        out[code] = list({uid: users[uid] for c, uid in rows if c in above}.values())
    return out


def send_due_reminders(*, today: dt.date | None = None, lead_days: int | None = None) -> int:
    """Notify the purchaser's staff (1) of contracts ending within `lead_days` (or ended) that have no evaluation
    yet, (2) of evaluations in progress that are due or overdue, and (3) of rectifications past their deadline. The notification key makes a second run send
    nothing new. Returns the number of notifications created."""
    from procurement.models import Contract

    today = today or timezone.localdate()
    lead = (
        lead_days
        if lead_days is not None
        else getattr(settings, "EVALUATION_REMINDER_LEAD_DAYS", DEFAULT_LEAD_DAYS)
    )
    horizon = today + dt.timedelta(days=lead)
    contracts = list(
        Contract.objects.filter(status__in=("active", "suspended", "completed"), end_date__lte=horizon)
        .exclude(evaluations__status__in=(EvaluationStatus.IN_PROGRESS, EvaluationStatus.PUBLISHED))
        .select_related("project__purchaser", "contractor")
        .distinct()
    )
    evaluations = [
        e
        for e in Evaluation.objects.filter(
            status=EvaluationStatus.IN_PROGRESS, due_date__lte=horizon
        ).select_related("contract__project", "region")
        if reminder_due(e.due_date, today, lead)
    ]
    overdue_fixes = list(
        Rectification.objects.filter(status=RectificationStatus.OPEN, deadline__lt=today).select_related(
            "evaluation__contract__project", "evaluation__contract__contractor", "evaluation__region"
        )
    )
    staff = _staff_by_code(
        {c.project.purchaser.code for c in contracts}
        | {e.region.code for e in evaluations}
        | {r.evaluation.region.code for r in overdue_fixes}
    )
    sent = 0
    for contract in contracts:
        sent += notify(
            staff[contract.project.purchaser.code],
            title=f"合同“{contract.number}”将于{contract.end_date:%Y-%m-%d}到期，请开展绩效评价",
            body=f"{contract.project.title}（{contract.contractor.name}）尚未建立绩效评价。",
            url=reverse("evaluation:create") + f"?contract={contract.pk}",
            kind="evaluation_due",
            key=f"evaluation-contract-due:{contract.pk}",
        )
    for e in evaluations:
        overdue = e.due_date < today
        sent += notify(
            staff[e.region.code],
            title=f"绩效评价“{e.contract.project.title}（{e.period}）”{'已逾期' if overdue else '即将到期'}",
            body=f"应于{e.due_date:%Y-%m-%d}前完成三方评分和满意度调查并公布结果。",
            url=reverse("evaluation:detail", args=[e.pk]),
            kind="evaluation_due",
            key=f"evaluation-{'overdue' if overdue else 'due'}:{e.pk}",
        )
    for r in overdue_fixes:
        e = r.evaluation
        sent += notify(
            staff[e.region.code],
            title=f"“{e.contract.contractor.name}”的整改已超过期限（{r.deadline:%Y-%m-%d}）",
            body=f"{e.contract.project.title}（{e.period}）评价不合格，整改尚未完成。",
            url=reverse("evaluation:detail", args=[e.pk]),
            kind="evaluation_rectification_overdue",
            key=f"evaluation-rectification-overdue:{r.pk}",
        )
    return sent
