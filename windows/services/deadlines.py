"""Time limits of the steps (working days from the county-editable tables) and the overdue job that tells the first
responder and the supervising county (首问负责制, 粤民发〔2018〕170号 二(一))."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from regions.access import users_with_role
from regions.choices import Role
from regions.notifications import notify

from .. import rules
from ..models import Case, DeadlineRule, Holiday


def working_calendar() -> dict[dt.date, bool]:
    """The holiday table as date → is a working day (one query)."""
    return dict(Holiday.objects.values_list("date", "is_working_day"))


def time_limits() -> dict[tuple[str, str], int]:
    """The time-limit table as (category, step) → working days (one query)."""
    return {(c, s): d for c, s, d in DeadlineRule.objects.values_list("category", "step", "working_days")}


def due_for(status: str, category: str, start: dt.date) -> dt.date | None:
    return rules.due_date(status, category, start, time_limits(), working_calendar())


def supervisors_of(county_codes) -> dict[str, list]:
    """Who supervises the handling of cases in each county: its county admins and those of the regions above it
    (one query for all the counties)."""
    return users_with_role(county_codes, [Role.COUNTY_ADMIN])


def cases_mark_overdue(*, today: dt.date | None = None, batch: int = 500) -> int:
    """Mark open cases past their due date and notify the first responder and the supervisor, once per case and
    due date (idempotent: a second run marks and sends nothing new). Returns how many cases were marked."""
    today = today or timezone.localdate()
    now = timezone.now()
    marked = 0
    while True:
        cases = list(
            Case.objects.open()
            .filter(due_date__lt=today, overdue_marked_at__isnull=True)
            .select_related("first_responder")
            .order_by("id")[:batch]
        )
        if not cases:
            return marked
        supervisors = supervisors_of({case.region_code[:6] for case in cases})
        for case in cases:
            with transaction.atomic():
                Case.objects.filter(pk=case.pk, overdue_marked_at__isnull=True).update(overdue_marked_at=now)
                notify(
                    [case.first_responder, *supervisors[case.region_code[:6]]],
                    title=f"求助事项 {case.number} 已超期",
                    body=(
                        f"{case.get_category_display()}，状态“{case.get_status_display()}”，"
                        f"办理期限 {case.due_date:%Y-%m-%d}。首问负责人请跟踪督办。"
                    ),
                    url=reverse("windows:case_detail", args=[case.number]),
                    kind="case_overdue",
                    key=f"case_overdue:{case.pk}:{case.due_date:%Y%m%d}",
                )
            marked += 1
