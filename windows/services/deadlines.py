"""The two clocks of a case and the overdue job (domain.md 12).

The step clock runs per step (the time-limit table, working days); the whole-case clock runs from registration to
close and never restarts. Working days come from the holiday table: the national schedule with the county's own
days laid over it. A limit that runs into a year whose schedule is not loaded is computed with weekends only and
the case is marked "deadline provisional" until the schedule is entered. Once either clock has run out the case
keeps it: `ever_overdue` and an "overdue" event ("was overdue at <step> on <date>"); no later step clears them
(首问负责制, 粤民发〔2018〕170号 二(一): the first responder and the supervising county are told).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from regions.access import users_with_role
from regions.choices import Role
from regions.notifications import notify_digest

from .. import reference_cache, rules
from ..choices import CaseAction, DeadlineStep
from ..models import Case, CaseEvent, DeadlineRule, Holiday


def county_of(region_code: str) -> str:
    return region_code[:6]


def loaded_years() -> set[int]:
    """The years the national schedule has rows in (one query per process and version of the tables)."""
    return set(
        reference_cache.kept(
            ("years",), lambda: {d.year for d in Holiday.objects.filter(region_code="").dates("date", "year")}
        )
    )


def _calendar_rows(county_code: str) -> dict[dt.date, bool]:
    rows = Holiday.objects.filter(
        Q(region_code="") | Q(region_code=county_code) if county_code else Q(region_code="")
    )
    # "" sorts first, so a county's own row replaces the national one for its date
    return dict(rows.order_by("region_code").values_list("date", "is_working_day"))


def working_calendar(county_code: str = "", start: dt.date | None = None) -> dict[dt.date, bool]:
    """The holiday table as date → is a working day: the national schedule with the county's own days over it,
    from `start` to the end of the next year (a limit of at most 200 working days ends by then). The county's
    table is read once per process and version of the tables (windows.reference_cache)."""
    rows = reference_cache.kept(("calendar", county_code), lambda: _calendar_rows(county_code))
    if start is None:
        return dict(rows)
    end = dt.date(start.year + 2, 1, 1)
    return {day: working for day, working in rows.items() if start <= day < end}


def time_limits(county_code: str = "") -> dict[tuple[str, str], int]:
    """The time-limit table as (category, step) → working days: the province default, the county's own rows over
    it (one query per process and version of the tables)."""

    def read() -> dict[tuple[str, str], int]:
        rows = DeadlineRule.objects.filter(region_code__in=["", county_code]).order_by("region_code")
        return {(c, s): d for c, s, d in rows.values_list("category", "step", "working_days")}

    return dict(reference_cache.kept(("limits", county_code), read))


@dataclass(frozen=True)
class Clocks:
    """What a case's limits are after a step: the step clock, the whole-case clock, and whether either is
    provisional."""

    due_date: dt.date | None
    case_due_date: dt.date | None
    provisional: bool


def clocks_for(
    status: str,
    category: str,
    region_code: str,
    start: dt.date,
    *,
    received_on: dt.date,
    case_due: dt.date | None,
) -> Clocks:
    """The step clock from `start` for `status`; the whole-case clock from `received_on` unless it is already set
    (`case_due`, computed at registration and only recomputed when it was provisional)."""
    county = county_of(region_code)
    limits = time_limits(county)
    calendar = working_calendar(county, min(start, received_on))
    years = loaded_years()
    due = rules.due_date(status, category, start, limits, calendar)
    whole = case_due if case_due is not None else rules.case_due_date(category, received_on, limits, calendar)
    if status in rules.FINAL_STATUSES:
        return Clocks(None, whole, False)
    provisional = rules.is_provisional(start, due, years) or rules.is_provisional(received_on, whole, years)
    return Clocks(due, whole, provisional)


def due_for(status: str, category: str, start: dt.date, region_code: str = "") -> dt.date | None:
    """The step clock alone (the due date of the step running in `status`)."""
    county = county_of(region_code)
    return rules.due_date(status, category, start, time_limits(county), working_calendar(county, start))


def supervisors_of(county_codes) -> dict[str, list]:
    """Who supervises the handling of cases in each county: its county admins and those of the regions above it
    (one query for all the counties)."""
    return users_with_role(county_codes, [Role.COUNTY_ADMIN])


def overdue_changes(case: Case, today: dt.date, now: dt.datetime) -> tuple[dict, list[str]]:
    """What recording the overdue of `case` today changes, and the clocks that ran out and are not yet recorded."""
    changes: dict = {}
    clocks: list[str] = []
    if rules.is_overdue(case.status, case.due_date, today) and case.overdue_marked_at is None:
        clocks.append(rules.deadline_step(case.status) or "")
        changes["overdue_marked_at"] = now
    if rules.is_overdue(case.status, case.case_due_date, today) and case.case_overdue_marked_at is None:
        clocks.append(DeadlineStep.CASE)
        changes["case_overdue_marked_at"] = now
    if clocks:
        changes["ever_overdue"] = True
    return changes, clocks


def record_overdue(case: Case, today: dt.date, now: dt.datetime) -> list[str]:
    """Record that `case` ran out of time (inside the caller's transaction): the persistent mark and one
    "overdue" event per clock, "was overdue at <step> on <date>". Returns the clocks recorded (none if already)."""
    changes, clocks = overdue_changes(case, today, now)
    if not clocks:
        return []
    marked_q = Q(overdue_marked_at__isnull=True) | Q(case_overdue_marked_at__isnull=True)
    if not Case.objects.filter(Q(pk=case.pk) & marked_q).update(**changes):
        return []
    for field, value in changes.items():
        setattr(case, field, value)
    status = case.get_status_display()
    for clock in clocks:
        due = case.case_due_date if clock == DeadlineStep.CASE else case.due_date
        CaseEvent.objects.create(
            case=case,
            action=CaseAction.OVERDUE,
            from_status=case.status,
            to_status=case.status,
            actor=None,
            at=now,
            from_region_code=case.region_code,
            to_region_code=case.region_code,
            note=f"在“{status}”环节超期（{DeadlineStep(clock).label}，期限 {due:%Y-%m-%d}，记录于 {today:%Y-%m-%d}）",
        )
    return clocks


def cases_mark_overdue(*, today: dt.date | None = None, batch: int = 500) -> int:
    """Record open cases past either clock and tell each first responder and supervisor in one notification a day
    listing their newly overdue cases (issue 14; idempotent: a second run marks and sends nothing new). Returns
    how many cases were marked."""
    today = today or timezone.localdate()
    now = timezone.now()
    marked = 0
    pending = Q(due_date__lt=today, overdue_marked_at__isnull=True) | Q(
        case_due_date__lt=today, case_overdue_marked_at__isnull=True
    )
    lines: dict = defaultdict(list)
    while True:
        cases = list(
            Case.objects.open().filter(pending).select_related("first_responder").order_by("id")[:batch]
        )
        if not cases:
            break
        supervisors = supervisors_of({county_of(case.region_code) for case in cases})
        for case in cases:
            with transaction.atomic():
                clocks = record_overdue(case, today, now)
            if clocks:
                for user in {case.first_responder, *supervisors[county_of(case.region_code)]}:
                    lines[user].append(_overdue_line(case, clocks))
            marked += 1
    # one digest per person and day (issue 14), not one notification per case and run
    notify_digest(
        lines,
        kind="case_overdue",
        day=today,
        title=lambda n: f"{n} 件求助事项已超期，首问负责人请跟踪督办",
        url=f"{reverse('windows:queue')}?overdue=true",
    )
    return marked


def _overdue_line(case: Case, clocks: list[str]) -> str:
    passed = "、".join(str(DeadlineStep(c).label) for c in clocks)
    return (
        f"{case.number} {case.get_category_display()}（{case.get_status_display()}）：{passed}已过，"
        f"环节期限 {case.due_date or '—'}，全程期限 {case.case_due_date or '—'} "
        + reverse("windows:case_detail", args=[case.number])
    )
