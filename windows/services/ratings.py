"""好差评 (国办发〔2019〕51号《关于建立政务服务“好差评”制度提高政务服务水平的意见》): the applicant rates a finished
case once, at the window or online; a bad rating opens a follow-up — call-back to verify, rectification within the
limit when verified, the reviewed staff member's appeal decided by the county admin, the outcome told to the
applicant — and overdue follow-ups are reported to the county admins."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from core.workflow import apply_transition, next_state
from regions import access
from regions.access import users_with_role
from regions.audit import set_actor
from regions.choices import ACTING_ROLES, Role
from regions.notifications import notify, notify_digest

from .. import rules
from ..choices import FeedbackMethod, FollowUpAction, FollowUpStatus, FollowUpStep, RatingChannel, RatingGrade
from ..models import Case, CaseRating, FollowUpLimit, RatingFollowUp
from .deadlines import working_calendar

#: used when the follow-up limit table has no row (the table in data is the rule)
FALLBACK_FOLLOW_UP_DAYS = 15
SUPERVISORS = (Role.COUNTY_ADMIN,)
HANDLERS = (Role.COUNTY_ADMIN, Role.COUNTY_STAFF)


def follow_up_due(step: str, start: dt.date, region_code: str = "") -> dt.date:
    """`start` plus the step's working days (the follow-up limit table; the county's holidays count)."""
    days = FollowUpLimit.objects.filter(step=step).values_list("working_days", flat=True).first()
    calendar = working_calendar(region_code[:6], start)
    return rules.add_working_days(start, FALLBACK_FOLLOW_UP_DAYS if days is None else days, calendar)


def _rating_errors(case: Case, grade, comment: str, channel: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    if grade not in RatingGrade.values:
        errors["grade"] = _("请选择评价等级")
    if len(comment or "") > 500:
        errors["comment"] = _("评价意见不超过500字")
    if channel not in RatingChannel.values:
        errors["channel"] = _("未知的评价渠道")
    if case.status not in rules.RATABLE_STATUSES:
        errors["case"] = _("事项办结（或不予受理）后才能评价")
    return errors


def rating_submit(*, case: Case, grade: int, comment: str = "", channel: str, actor=None) -> CaseRating:
    """One rating per case (a unique constraint: a second is a Conflict). At the window the staff member hands over
    the tablet (an acting role where the case was received); online the caller has checked number and phone."""
    if actor is not None:
        access.require_role(actor, case.accepting_region.code, ACTING_ROLES)
    errors = _rating_errors(case, grade, comment, channel)
    if errors:
        raise ValidationError(errors)
    if CaseRating.objects.filter(case=case).exists():
        raise Conflict(_("该事项已评价，每个事项只能评价一次"), code="already_rated")
    now = timezone.now()
    try:
        with transaction.atomic(), set_actor(actor):
            rating = CaseRating.objects.create(
                case=case,
                grade=grade,
                comment=(comment or "").strip(),
                channel=channel,
                window_id=case.window_id,
                first_responder_id=case.first_responder_id,
                region_code=case.accepting_region.code,
                rated_at=now,
            )
            if rules.is_bad_grade(grade):
                _open_follow_up(rating, timezone.localdate(now))
    except IntegrityError as exc:  # two submissions at once: the unique constraint lets one win
        raise Conflict(_("该事项已评价，每个事项只能评价一次"), code="already_rated") from exc
    return rating


def _open_follow_up(rating: CaseRating, today: dt.date) -> RatingFollowUp:
    follow_up = RatingFollowUp.objects.create(
        rating=rating, callback_due=follow_up_due(FollowUpStep.CALLBACK, today, rating.region_code)
    )
    county = rating.region_code[:6]
    notify(
        users_with_role([county], SUPERVISORS)[county],
        title=_("差评待回访核实：%(number)s") % {"number": rating.case.number},
        body=f"{rating.get_grade_display()}。{rating.comment}"[:500]
        + _(" 回访期限 %(due)s。") % {"due": f"{follow_up.callback_due:%Y-%m-%d}"},
        url=reverse("windows:follow_up_detail", args=[follow_up.pk]),
        kind="rating_bad",
        key=f"rating_bad:{rating.pk}",
    )
    return follow_up


def _advance(actor, follow_up: RatingFollowUp, action: str, **changes) -> RatingFollowUp:
    new = next_state(rules.FOLLOW_UP_TRANSITIONS, follow_up.status, action, labels=FollowUpStatus)
    with transaction.atomic(), set_actor(actor):
        apply_transition(
            RatingFollowUp.objects.filter(version=follow_up.version),
            follow_up,
            new,
            version=follow_up.version + 1,
            updated_at=timezone.now(),
            **changes,
        )
    return follow_up


def _require_handler(actor, follow_up: RatingFollowUp) -> None:
    """Call-back, rectification and the answer to the applicant: the county's admins and staff, never the staff
    member the rating is about."""
    access.require_role(actor, follow_up.rating.region_code, HANDLERS)
    if follow_up.rating.first_responder_id == actor.pk:
        raise PermissionDenied(_("被评价人不能处理对自己的评价，可提出申诉"))


def _required(value: str, field: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: message})
    return value


def follow_up_verify(*, actor, follow_up: RatingFollowUp, note: str) -> RatingFollowUp:
    """回访核实，情况属实: rectification within the limit from today."""
    _require_handler(actor, follow_up)
    note = _required(note, "note", _("请填写回访核实情况"))
    today = timezone.localdate()
    return _advance(
        actor,
        follow_up,
        FollowUpAction.VERIFY,
        callback_note=note,
        callback_done_on=today,
        verified=True,
        rectification_due=follow_up_due(FollowUpStep.RECTIFY, today, follow_up.rating.region_code),
    )


def follow_up_unfounded(*, actor, follow_up: RatingFollowUp, note: str) -> RatingFollowUp:
    """回访核实，情况不属实: no rectification; the applicant is told why."""
    _require_handler(actor, follow_up)
    note = _required(note, "note", _("请填写回访核实情况"))
    return _advance(
        actor,
        follow_up,
        FollowUpAction.UNFOUNDED,
        callback_note=note,
        callback_done_on=timezone.localdate(),
        verified=False,
    )


def follow_up_appeal(*, actor, follow_up: RatingFollowUp, reason: str) -> RatingFollowUp:
    """The staff member reviewed appeals once (申诉); the county admin decides."""
    if follow_up.rating.first_responder_id != actor.pk:
        raise PermissionDenied(_("只有被评价的首问负责人可以申诉"))
    if follow_up.appeal_reason:
        raise Conflict(_("已申诉过一次，不能重复申诉"), code="already_appealed")
    reason = _required(reason, "reason", _("请填写申诉理由"))
    return _advance(actor, follow_up, FollowUpAction.APPEAL, appeal_reason=reason)


def _decide(actor, follow_up: RatingFollowUp, action: str, decision: str) -> RatingFollowUp:
    access.require_role(actor, follow_up.rating.region_code, SUPERVISORS)
    if follow_up.rating.first_responder_id == actor.pk:
        raise PermissionDenied(_("不能复核对自己的申诉"))
    decision = _required(decision, "decision", _("请填写复核意见"))
    upheld = action == FollowUpAction.UPHOLD
    changes: dict = {"appeal_decision": decision, "appeal_upheld": upheld}
    if not upheld:  # the rating stands: rectify from today
        today = timezone.localdate()
        due = follow_up_due(FollowUpStep.RECTIFY, today, follow_up.rating.region_code)
        changes |= {"verified": True, "rectification_due": due}
        if follow_up.callback_done_on is None:
            changes["callback_done_on"] = today
    return _advance(actor, follow_up, action, **changes)


def follow_up_uphold(*, actor, follow_up: RatingFollowUp, decision: str) -> RatingFollowUp:
    """申诉成立 (the county admin): no rectification; the applicant is told the outcome."""
    return _decide(actor, follow_up, FollowUpAction.UPHOLD, decision)


def follow_up_dismiss(*, actor, follow_up: RatingFollowUp, decision: str) -> RatingFollowUp:
    """申诉不成立 (the county admin): the rating stands and is rectified within the limit."""
    return _decide(actor, follow_up, FollowUpAction.DISMISS, decision)


def follow_up_rectify(*, actor, follow_up: RatingFollowUp, note: str) -> RatingFollowUp:
    _require_handler(actor, follow_up)
    note = _required(note, "note", _("请填写整改情况"))
    return _advance(
        actor, follow_up, FollowUpAction.RECTIFY, rectification_note=note, rectified_on=timezone.localdate()
    )


def follow_up_tell(*, actor, follow_up: RatingFollowUp, method: str, outcome: str) -> RatingFollowUp:
    """The outcome told to the applicant (结果反馈), how; the follow-up is closed."""
    _require_handler(actor, follow_up)
    if method not in FeedbackMethod.values:
        raise ValidationError({"method": _("请选择告知方式")})
    outcome = _required(outcome, "outcome", _("请填写告知申请人的结果"))
    return _advance(
        actor,
        follow_up,
        FollowUpAction.TELL,
        outcome=outcome[:1000],
        outcome_method=method,
        closed_at=timezone.now(),
    )


FOLLOW_UP_STEPS = {
    FollowUpAction.VERIFY: follow_up_verify,
    FollowUpAction.UNFOUNDED: follow_up_unfounded,
    FollowUpAction.APPEAL: follow_up_appeal,
    FollowUpAction.UPHOLD: follow_up_uphold,
    FollowUpAction.DISMISS: follow_up_dismiss,
    FollowUpAction.RECTIFY: follow_up_rectify,
    FollowUpAction.TELL: follow_up_tell,
}


def follow_ups_report_overdue(*, today: dt.date | None = None) -> int:
    """Tell the county admins of the follow-ups past their call-back or rectification limit: one notification a
    day per admin listing them (issue 14; a second run the same day sends nothing new). Returns how many admins
    were told anything new."""
    today = today or timezone.localdate()
    overdue = list(
        RatingFollowUp.objects.filter(
            Q(status=FollowUpStatus.CALLBACK, callback_due__lt=today)
            | Q(status=FollowUpStatus.RECTIFYING, rectification_due__lt=today)
        )
        .select_related("rating__case")
        .order_by("id")
    )
    admins = users_with_role({f.rating.region_code[:6] for f in overdue}, SUPERVISORS)
    lines: dict = defaultdict(list)
    for f in overdue:
        due = f.callback_due if f.status == FollowUpStatus.CALLBACK else f.rectification_due
        text = _("%(number)s 差评%(step)s已超期（期限 %(due)s）") % {
            "number": f.rating.case.number,
            "step": f.get_status_display(),
            "due": f"{due:%Y-%m-%d}",
        }
        line = f"{text} {reverse('windows:follow_up_detail', args=[f.pk])}"
        for admin in admins[f.rating.region_code[:6]]:
            lines[admin].append(line)
    return notify_digest(
        lines,
        kind="follow_up_overdue",
        day=today,
        title=lambda n: _("%(n)s 件差评整改已超期，请督促办理") % {"n": n},
        url=reverse("windows:ratings"),
    )
