"""Reads of the applicant's side of a case: the public status (step bar, history, rating), the receipt's time
limits, the 一次性告知书, and the 好差评 figures and follow-ups (国办发〔2019〕51号). Re-exported by selectors."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q
from django.db.models.functions import Left
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.models import Region

from . import rules
from .choices import CaseAction, DeadlineStep, FollowUpStatus, NoticeKind, RatingGrade
from .models import Case, CaseEvent, CaseNotice, CaseRating, DeadlineRule, RatingFollowUp


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
        history.append((timezone.localdate(at), _("一次性告知"), text))
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


#: how rating figures are grouped: by window, or by the first digits of the window's region code
RATING_GROUPS: dict[str, int] = {"window": 0, "township": 9, "county": 6}


def rating_figures(user, by: str = "township") -> list[dict]:
    """好差评 figures of the ratings the user sees, per window, township or county: ratings by grade, the share of
    bad ones, follow-ups, call-backs done on time, rectified (on time). One query, plus one for region names."""
    ratings = CaseRating.objects.visible_to(user)
    rows: Any
    if by == "window":
        rows = ratings.values(key=F("window_id"), name=F("window__name"))
    else:
        rows = ratings.annotate(key=Left("region_code", RATING_GROUPS[by])).values("key")
    fu = "follow_up__"
    figures: list[dict[str, Any]] = list(
        rows.annotate(
            total=Count("id"),
            **{f"grade_{g}": Count("id", filter=Q(grade=g)) for g in RatingGrade.values},
            bad=Count("id", filter=Q(grade__in=rules.BAD_GRADES)),
            follow_ups=Count(fu + "id"),
            callback_on_time=Count(
                fu + "id", filter=Q(**{fu + "callback_done_on__lte": F(fu + "callback_due")})
            ),
            rectified=Count(fu + "id", filter=Q(**{fu + "rectified_on__isnull": False})),
            rectified_on_time=Count(
                fu + "id", filter=Q(**{fu + "rectified_on__lte": F(fu + "rectification_due")})
            ),
            follow_ups_closed=Count(fu + "id", filter=Q(**{fu + "status": FollowUpStatus.CLOSED})),
        ).order_by("key")
    )
    if by != "window":
        names = dict(Region.objects.filter(code__in=[r["key"] for r in figures]).values_list("code", "name"))
        for row in figures:
            row["name"] = names.get(row["key"], row["key"])
    for row in figures:
        row["bad_share"] = round(100 * row["bad"] / row["total"], 1) if row["total"] else 0.0
    return figures


def ratings_list(user):
    return CaseRating.objects.visible_to(user).select_related(
        "case", "window", "first_responder", "follow_up"
    )


def follow_up_list(user):
    return RatingFollowUp.objects.visible_to(user).select_related(
        "rating__case", "rating__window", "rating__first_responder"
    )
