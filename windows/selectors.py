"""Reads that are more than a filter, always scoped to the user's regions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Q
from django.db.models.functions import Left, TruncDate
from django.utils import timezone

from regions.access import scope_q, visible_prefixes
from regions.models import Region
from staffing.choices import WorkerStatus
from staffing.models import Worker

from . import rules
from .choices import CaseAction, CaseStatus, DeadlineStep, NoticeKind, RatingGrade
from .models import (
    Case,
    CaseEvent,
    CaseNotice,
    CaseRating,
    DeadlineRule,
    Holiday,
    RatingFollowUp,
    ServiceWindow,
    ever_overdue_q,
    overdue_q,
)


def case_list(user):
    """Cases the user sees (region scope or first responder), with what a list row shows in one query."""
    return Case.objects.visible_to(user).select_related("household_region", "first_responder")


def workers_for(user, case: Case):
    """Active workers a case may be assigned to: posted in its township (or a village in it) or its county bureau."""
    township = rules.township_code(case.region_code)
    return (
        Worker.objects.visible_to(user)
        .filter(status=WorkerStatus.ACTIVE)
        .filter(Q(region__code__startswith=township) | Q(region__code=case.region_code[:6]))
        .select_related("region")
        .order_by("name")
    )


def my_first_cases(user):
    """Every case the user first received, wherever it has gone (首问负责制, 粤民发〔2018〕170号 二(一))."""
    return Case.objects.filter(first_responder=user).select_related("household_region", "first_responder")


def first_responder_figures(user, today: dt.date) -> dict:
    """What a first responder must watch: open cases, those still waiting for feedback to the applicant, overdue
    now, ever overdue (kept through every later step), and deadlines still provisional."""
    open_q = Q(status__in=rules.OPEN_STATUSES)
    return Case.objects.filter(first_responder=user).aggregate(
        open=Count("id", filter=open_q),
        awaiting_feedback=Count("id", filter=open_q & ~Q(status=CaseStatus.FEEDBACK_GIVEN)),
        elsewhere=Count("id", filter=open_q & ~Q(region_code__startswith=F("accepting_region__code"))),
        overdue=Count("id", filter=overdue_q(today)),
        ever_overdue=Count("id", filter=ever_overdue_q(today)),
        provisional=Count("id", filter=open_q & Q(deadline_provisional=True)),
    )


def queue(user):
    """The region's open cases by due date (the most urgent first)."""
    return case_list(user).open().order_by("due_date", "id")


@dataclass(frozen=True)
class PublicStatus:
    number: str
    status: str
    status_label: str
    category_label: str
    received_on: dt.date
    due_date: dt.date | None
    updated_at: dt.datetime
    closed_at: dt.datetime | None
    last_public_note: str
    steps: list[rules.PublicStep] = field(default_factory=list)
    history: list[tuple[dt.date, str, str]] = field(default_factory=list)
    can_rate: bool = False
    rating_label: str = ""
    follow_up_outcome: str = ""


def public_case(number: str, phone_last4: str) -> Case | None:
    """The case with this number when the phone's last four digits match; None otherwise (the same answer for a
    wrong phone and an unknown number)."""
    case = Case.objects.filter(number=(number or "").strip()).first()
    if case is None or not rules.phone_matches(case.phone_last4, phone_last4):
        return None
    return case


def public_status(number: str, phone_last4: str) -> PublicStatus | None:
    """What anyone may read about a case given its number and the last four digits of the phone: status, the step
    bar (申请 → 受理 → 审核/分办 → 办结) and the public history of notes; nothing personal. None when either does
    not match (the same answer for both)."""
    case = public_case(number, phone_last4)
    if case is None:
        return None
    events = list(
        CaseEvent.objects.filter(case=case).order_by("id").values_list("action", "at", "public_note")
    )
    history = [(timezone.localdate(at), str(CaseAction(a).label), note) for a, at, note in events if note]
    for kind, at, items in CaseNotice.objects.filter(case=case).values_list("kind", "issued_at", "items"):
        text = str(NoticeKind(kind).label) + ("：" + "、".join(items) if items else "")
        history.append((timezone.localdate(at), "一次性告知", text))
    history.sort(key=lambda row: row[0])
    rating = CaseRating.objects.filter(case=case).values("grade", "follow_up__outcome").first()
    return PublicStatus(
        number=case.number,
        status=case.status,
        status_label=case.get_status_display(),
        category_label=case.get_category_display(),
        received_on=timezone.localdate(case.received_at),
        due_date=case.due_date,
        updated_at=case.updated_at,
        closed_at=case.closed_at,
        last_public_note=next((note for _a, _at, note in reversed(events) if note), ""),
        steps=rules.public_steps([(a, timezone.localdate(at)) for a, at, _n in events], case.due_date),
        history=history,
        can_rate=rating is None and case.status in rules.RATABLE_STATUSES,
        rating_label=str(RatingGrade(rating["grade"]).label) if rating else "",
        follow_up_outcome=(rating["follow_up__outcome"] or "") if rating else "",
    )


def _open_and_overdue(today: dt.date) -> dict[str, Count]:
    """Open, overdue now, and ever overdue (every report counts a case that ran out of time, domain.md 12)."""
    return {
        "open": Count("id", filter=Q(status__in=rules.OPEN_STATUSES)),
        "overdue": Count("id", filter=overdue_q(today)),
        "ever_overdue": Count("id", filter=ever_overdue_q(today)),
    }


@dataclass(frozen=True)
class Receipt:
    """What the 受理回执 prints besides the case itself."""

    step_label: str
    step_days: int | None
    total_days: int
    expected_close: dt.date | None
    documents: list[str]


def receipt(case: Case) -> Receipt:
    """The time limits of the receipt: the running step's working days and due date, and the whole case's working
    days (登记至办结, the county's time-limit table over the province's) with its due date (domain.md 12)."""
    rows = DeadlineRule.objects.filter(region_code__in=["", case.region_code[:6]]).order_by("region_code")
    # the county's own rows (sorted after the province's "") replace the province defaults
    limits = {(c, st): d for c, st, d in rows.values_list("category", "step", "working_days")}
    running = rules.deadline_step(case.status)
    steps = [DeadlineStep.ACCEPT, DeadlineStep.FEEDBACK, DeadlineStep.CLOSE]
    whole = limits.get((case.category, DeadlineStep.CASE)) or sum(
        limits.get((case.category, step), rules.FALLBACK_WORKING_DAYS) for step in steps
    )
    return Receipt(
        step_label=str(DeadlineStep(running).label) if running else "",
        step_days=limits.get((case.category, running), rules.FALLBACK_WORKING_DAYS) if running else None,
        total_days=whole,
        expected_close=case.case_due_date,
        documents=list(case.attachments.order_by("id").values_list("name", flat=True)),
    )


def notice_for(case: Case, pk: int) -> CaseNotice:
    return CaseNotice.objects.select_related("issued_by").get(case=case, pk=pk)


def dashboard(user, *, days: int = 30, today: dt.date | None = None) -> dict:
    """Figures of the user's regions: intake per day, open and overdue counts per child region, status counts,
    and transfer flows between regions (from → to) over the last `days` days."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=days - 1)
    cases = Case.objects.visible_to(user)
    tz = timezone.get_current_timezone()
    per_day = dict(
        cases.filter(received_at__date__gte=since)
        .annotate(day=TruncDate("received_at", tzinfo=tz))
        .values_list("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    intake = [
        (since + dt.timedelta(days=i), per_day.get(since + dt.timedelta(days=i), 0)) for i in range(days)
    ]
    totals = cases.aggregate(
        total=Count("id"),
        **_open_and_overdue(today),
        provisional=Count("id", filter=Q(status__in=rules.OPEN_STATUSES, deadline_provisional=True)),
        cross_region=Count("id", filter=Q(cross_region=True)),
    )
    by_status = dict(cases.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    # group by the child level of the user's scope (a county sees its townships)
    prefixes = visible_prefixes(user)
    depth = {2: 4, 4: 6, 6: 9, 9: 12}.get(min((len(p) for p in prefixes), default=2), 12)
    by_region = list(
        cases.annotate(area=Left("region_code", depth))
        .values("area")
        .annotate(**_open_and_overdue(today))
        .order_by("-ever_overdue", "-overdue", "area")[:30]
    )
    flows = list(
        CaseEvent.objects.filter(action=CaseAction.TRANSFER, case__in=cases, at__date__gte=since)
        .exclude(from_region_code="")
        .exclude(from_region_code=F("to_region_code"))
        .values("from_region_code", "to_region_code")
        .annotate(n=Count("id"))
        .order_by("-n")[:30]
    )
    codes = (
        {r["area"] for r in by_region}
        | {f["from_region_code"] for f in flows}
        | {f["to_region_code"] for f in flows}
    )
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return {
        "names": names,
        "since": since,
        "intake": intake,
        "totals": totals,
        "by_status": [(CaseStatus(s).label, by_status.get(s, 0)) for s in CaseStatus.values],
        "by_region": by_region,
        "flows": flows,
    }


def holidays(user, year: int):
    """The holiday table of one year as the user sees it: the national schedule and the days of the counties in
    the user's scope."""
    return holidays_all(user).filter(date__year=year)


def holiday_years() -> list[int]:
    """The years the national schedule has rows in, newest first."""
    return sorted(
        (d.year for d in Holiday.objects.filter(region_code="").dates("date", "year")), reverse=True
    )


def time_limit_rows(user):
    """The time-limit table as the user sees it: the province defaults and the rows of the counties in scope."""
    q = scope_q(user, "region_code")
    rows = DeadlineRule.objects.order_by("category", "step", "region_code")
    return rows.filter(Q(region_code="") | q) if q is not None else rows


def holidays_all(user):
    """Every row of the holiday table the user sees (the national schedule and the counties in scope)."""
    q = scope_q(user, "region_code")
    return Holiday.objects.filter(Q(region_code="") | q) if q is not None else Holiday.objects.all()


#: the loaded years, cached for the banner on every admin's page; the holiday services drop it on every change
LOADED_YEARS_CACHE_KEY = "windows:holiday-loaded-years"


def missing_schedule_year(today: dt.date) -> int | None:
    """The year whose national holiday schedule admins must enter now (rules.missing_schedule_year); the loaded
    years come from the cache (no query on a page) and are read again at most every ten minutes."""
    years = cache.get(LOADED_YEARS_CACHE_KEY)
    if years is None:
        years = holiday_years()
        cache.set(LOADED_YEARS_CACHE_KEY, years, 600)
    return rules.missing_schedule_year(today, set(years))

    (CaseRating,)
    (DeadlineRule,)
    (Holiday,)
    (RatingFollowUp,)
    (ServiceWindow,)
