"""Reminders for evaluations due at contract end (粤民发〔2018〕170号 一(六)): in-app notifications, idempotent."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from procurement.models import Contract
from regions.access import users_with_role
from regions.choices import Role
from regions.notifications import notify

from ..choices import EvaluationStatus, RectificationStatus
from ..models import Evaluation, Rectification
from ..rules import reminder_due

#: days before the contract's end that its evaluation is brought to mind (a setting, default 30)
DEFAULT_LEAD_DAYS = 30
#: who acts on a purchaser's evaluations: its county admins and staff (and those of townships that purchase)
NOTIFIED_ROLES = (Role.COUNTY_ADMIN, Role.COUNTY_STAFF, Role.TOWNSHIP_STAFF)


def _due(today: dt.date, lead: int) -> tuple[list, list, list]:
    """What to remind of: contracts ending by `today + lead` (or ended) without an evaluation, evaluations in
    progress that are due or overdue, and rectifications past their deadline."""
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
    return contracts, evaluations, overdue_fixes


def send_due_reminders(*, today: dt.date | None = None, lead_days: int | None = None) -> int:
    """Notify the purchaser's staff (1) of contracts ending within `lead_days` (or ended) that have no evaluation
    yet, (2) of evaluations in progress that are due or overdue, and (3) of rectifications past their deadline.
    The notification key makes a second run send nothing new. Returns the number of notifications created."""
    today = today or timezone.localdate()
    lead = (
        lead_days
        if lead_days is not None
        else getattr(settings, "EVALUATION_REMINDER_LEAD_DAYS", DEFAULT_LEAD_DAYS)
    )
    contracts, evaluations, overdue_fixes = _due(today, lead)
    staff = users_with_role(
        {c.project.purchaser.code for c in contracts}
        | {e.region.code for e in evaluations}
        | {r.evaluation.region.code for r in overdue_fixes},
        NOTIFIED_ROLES,
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
