"""Reminders for evaluations due at contract end (粤民发〔2018〕170号 一(六)): in-app notifications, idempotent."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from procurement.models import Contract
from regions.access import users_with_role
from regions.choices import Role
from regions.notifications import notify_digest

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
        .order_by("end_date", "id")
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
    """Remind the purchaser's staff (1) of contracts ending within `lead_days` (or ended) that have no evaluation
    yet, (2) of evaluations in progress that are due or overdue, and (3) of rectifications past their deadline:
    one notification a day per person listing them all (issue 14; a second run the same day sends nothing new).
    Returns how many people were told anything new."""
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
    lines: dict = defaultdict(list)
    for code, line in _lines(today, contracts, evaluations, overdue_fixes):
        for user in staff[code]:
            lines[user].append(line)
    return notify_digest(
        lines,
        kind="evaluation_due",
        day=today,
        title=lambda n: _("%(n)s 项绩效评价或整改待办（粤民发〔2018〕170号 一(六)）") % {"n": n},
        url=reverse("evaluation:index"),
    )


def _lines(today: dt.date, contracts, evaluations, overdue_fixes) -> list[tuple[str, str]]:
    """(the region whose staff is told, the digest line ending in the record's path) for each reminder."""
    out = []
    for contract in contracts:
        text = _("合同 %(number)s（%(project)s，%(contractor)s）%(end)s 到期，尚未建立绩效评价") % {
            "number": contract.number,
            "project": contract.project.title,
            "contractor": contract.contractor.name,
            "end": f"{contract.end_date:%Y-%m-%d}",
        }
        path = reverse("evaluation:create") + f"?contract={contract.pk}"
        out.append((contract.project.purchaser.code, f"{text} {path}"))
    for e in evaluations:
        words = {"project": e.contract.project.title, "period": e.period, "due": f"{e.due_date:%Y-%m-%d}"}
        if e.due_date < today:
            text = _("绩效评价 %(project)s（%(period)s）已逾期，期限 %(due)s") % words
        else:
            text = _("绩效评价 %(project)s（%(period)s）即将到期，期限 %(due)s") % words
        out.append((e.region.code, f"{text} {reverse('evaluation:detail', args=[e.pk])}"))
    for r in overdue_fixes:
        e = r.evaluation
        text = _("%(contractor)s 的整改已超过期限 %(deadline)s（%(project)s，%(period)s）") % {
            "contractor": e.contract.contractor.name,
            "deadline": f"{r.deadline:%Y-%m-%d}",
            "project": e.contract.project.title,
            "period": e.period,
        }
        out.append((e.region.code, f"{text} {reverse('evaluation:detail', args=[e.pk])}"))
    return out
