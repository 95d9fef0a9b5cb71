"""Pure training rules (粤民发〔2018〕170号 二(五)): no ORM, no request, `today` passed in.

- Each organiser (the province, every city and every county civil affairs bureau) holds at least one training a
  year: shown as done (held in the year), planned (a session or a planned training in the year, year not over)
  or missing.
- Each worker has pre-job training before starting (岗前: no grace period; a worker who starts without it is
  "awaiting pre-job training" from the first day and not compliant), and rotation training in each calendar year.
- Each organiser's annual plan holds all three types (岗前培训、定期轮训、业务进修列入年度计划); a plan missing one
  is final only with a recorded reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from core.exceptions import Conflict

from .choices import (
    REQUIRED_PLAN_TYPES,
    AssessmentGrade,
    OrganiserStatus,
    PlanStatus,
    PreJobStatus,
    RotationStatus,
    SessionStatus,
    TrainingType,
)

# A plan: draft → final (finalise). A final plan keeps its three types (or its recorded reason).
PLAN_TRANSITIONS: dict[tuple[str, str], str] = {
    (PlanStatus.DRAFT, "finalise"): PlanStatus.FINAL,
}

# A session: scheduled → held (complete) or cancelled; attendance is locked once it is held or cancelled.
SESSION_TRANSITIONS: dict[tuple[str, str], str] = {
    (SessionStatus.SCHEDULED, "complete"): SessionStatus.HELD,
    (SessionStatus.SCHEDULED, "cancel"): SessionStatus.CANCELLED,
}

# Sign-in by code opens this long before a session starts and closes when it ends.
SIGN_IN_OPENS_BEFORE = dt.timedelta(hours=1)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed from a printout
CERTIFICATE_CODE_LENGTH = 12
SIGN_IN_CODE_LENGTH = 6


def organiser_status(
    *,
    year: int,
    held_dates: Iterable[dt.date],
    scheduled_dates: Iterable[dt.date],
    planned_count: int,
    today: dt.date,
) -> OrganiserStatus:
    """Did an organiser hold its training of `year`? (粤民发〔2018〕170号 二(五): 省民政厅每年至少开展1次,
    市、县（市、区）民政局每年至少举办1次)

    Done: a session held on a date in the calendar year. Planned: none held yet, but a scheduled session dated in
    the year or a planned training in the year's plan, and the year is not over. Missing otherwise — a training in
    the previous December does not count for this year.
    """
    if any(d.year == year for d in held_dates):
        return OrganiserStatus.DONE
    year_over = today > dt.date(year, 12, 31)
    if not year_over and (planned_count > 0 or any(d.year == year for d in scheduled_dates)):
        return OrganiserStatus.PLANNED
    return OrganiserStatus.MISSING


def missing_plan_types(types: Iterable[str]) -> list[str]:
    """The required types (粤民发〔2018〕170号 二(五): 将岗前培训、定期轮训、业务进修列入年度计划) a plan's
    trainings do not cover, in the policy's order. Other types (none today) do not stand in for a missing one."""
    present = set(types)
    return [t for t in REQUIRED_PLAN_TYPES if t not in present]


def plan_final_error(*, missing: list[str], reason: str) -> str | None:
    """A plan is final only with all three types, or with a recorded reason why one is absent."""
    if missing and not (reason or "").strip():
        labels = "、".join(str(TrainingType(t).label) for t in missing)
        return _("年度计划缺少{types}，须补充或填写缺项原因").format(types=labels)
    return None


def pre_job_status(*, start_date: dt.date, completion_dates: Iterable[dt.date]) -> PreJobStatus:
    """Pre-job training (岗前培训, 粤民发〔2018〕170号 二(五)) comes before the job: there is no grace period.

    Done: completed on or before the start date (a training on the first day, before work, counts). Late: first
    completed after the start date (补训; the worker was awaiting it from the first day until then). Awaiting: not
    completed by the day judged (the caller passes only completions up to that day).
    """
    dates = sorted(completion_dates)
    if not dates:
        return PreJobStatus.AWAITING
    return PreJobStatus.DONE if dates[0] <= start_date else PreJobStatus.LATE


def rotation_required(*, year: int, start_date: dt.date) -> bool:
    """Rotation (定期轮训) is due in each full calendar year in post: the year a worker starts is covered by their
    pre-job training, so rotation is first required in the following calendar year."""
    return start_date.year < year


def rotation_status(
    *, year: int, start_date: dt.date, completion_dates: Iterable[dt.date], today: dt.date
) -> RotationStatus:
    """Rotation training in the calendar year `year` (粤民发〔2018〕170号 二(五) 定期轮训).

    Done: a rotation training completed on a date in `year` (1 January to 31 December; a December training counts
    for its own year only). Not required: the worker had not started before `year`. Due: none yet and the year is
    not over. Missing: the year ended without one.
    """
    if any(d.year == year for d in completion_dates):
        return RotationStatus.DONE
    if not rotation_required(year=year, start_date=start_date):
        return RotationStatus.NOT_REQUIRED
    return RotationStatus.DUE if today <= dt.date(year, 12, 31) else RotationStatus.MISSING


def is_worker_compliant(pre_job: str, rotation: str) -> bool:
    """A worker is in good standing when they have had pre-job training (before the job, or since as 补训) and
    their rotation has not failed (due, the year not over, still counts as fine). Awaiting pre-job training is
    never compliant, from the first day in post."""
    return pre_job != PreJobStatus.AWAITING and rotation != RotationStatus.MISSING


def session_year_error(*, session_date: dt.date, plan_year: int) -> str | None:
    """A session belongs to its plan's year ("列入年度计划"): it must be dated within that calendar year."""
    if session_date.year < plan_year:
        return _("培训日期早于计划年度 {plan_year}").format(plan_year=plan_year)
    if session_date.year > plan_year:
        return _("培训日期晚于计划年度 {plan_year}").format(plan_year=plan_year)
    return None


def session_length_hours(starts_at: dt.datetime, ends_at: dt.datetime) -> Decimal:
    """The clock length of a session in hours (to 0.1 h)."""
    seconds = (ends_at - starts_at).total_seconds()
    return (Decimal(seconds) / Decimal(3600)).quantize(Decimal("0.1"))


def session_hours_error(*, hours: Decimal, starts_at: dt.datetime, ends_at: dt.datetime) -> str | None:
    """Credit hours must be positive and fit in the session's time: no more hours than the clock allows."""
    if ends_at <= starts_at:
        return _("结束时间应晚于开始时间")
    if hours <= 0:
        return _("学时应大于0")
    if hours > session_length_hours(starts_at, ends_at):
        return _("学时超过培训时长")
    return None


def credited_hours_error(*, hours: Decimal, session_hours: Decimal) -> str | None:
    """Hours credited to one attendee: between 0 and the session's hours."""
    if hours < 0:
        return _("学时不能为负数")
    if hours > session_hours:
        return _("学时 {hours} 超过本期培训学时 {session_hours}").format(
            hours=hours, session_hours=session_hours
        )
    return None


def score_error(score: Decimal | None) -> str | None:
    if score is not None and not (Decimal(0) <= score <= Decimal(100)):
        return _("测试成绩应在0到100之间")
    return None


def attendance_completed(
    *, hours: Decimal, session_hours: Decimal, score: Decimal | None, pass_score: Decimal | None
) -> bool:
    """Completion (结业): the full session hours credited and, when the session has a test, a passing score."""
    if hours < session_hours:
        return False
    if pass_score is None:
        return True
    return score is not None and score >= pass_score


def require_scheduled(status: str) -> None:
    """A session's fields and attendance change only while it is scheduled: held or cancelled, it is locked (409)."""
    if status != SessionStatus.SCHEDULED:
        raise Conflict(
            _("培训班已{label}，不能再修改").format(label=SessionStatus(status).label),
            code="session_locked",
        )


def sign_in_open(*, starts_at: dt.datetime, ends_at: dt.datetime, now: dt.datetime) -> bool:
    """Sign-in by code is possible from an hour before the start until the end of the session."""
    return starts_at - SIGN_IN_OPENS_BEFORE <= now <= ends_at


def normalise_code(value: str) -> str:
    """A verification or sign-in code as typed: case, spaces and dashes do not matter."""
    return re.sub(r"[\s-]", "", (value or "")).upper()


def format_certificate_code(code: str) -> str:
    """ABCD-EFGH-JKLM: easier to read aloud and to type from paper."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


@dataclass(frozen=True)
class YearRecord:
    """A worker's training in one year, the input to the suggested assessment grade."""

    sessions_attended: int
    hours: Decimal
    average_score: Decimal | None
    compliant: bool
    #: sessions (and prior entries) with 党性和政治教育 in the year (粤民发〔2018〕170号 二(五))
    political_sessions: int = 0


def suggested_grade(record: YearRecord) -> AssessmentGrade:
    """A starting point for the supervisor, never the decision (优胜劣汰 needs the supervisor's judgement).

    Not compliant (awaiting pre-job training or rotation missing) → basic; no training at all → basic; an average test
    score of 90 or more → excellent; otherwise competent. "Unsuited" is only ever the supervisor's call.
    """
    if not record.compliant or record.sessions_attended == 0:
        return AssessmentGrade.BASIC
    if record.average_score is not None and record.average_score >= 90:
        return AssessmentGrade.EXCELLENT
    return AssessmentGrade.COMPETENT


def prior_training_errors(*, completed_on: dt.date, today: dt.date, evidence: str) -> dict[str, str]:
    """A training before the system is history: dated on or before today, and backed by evidence (a certificate
    number, the notice's reference, where the sign-in sheet is kept)."""
    errors: dict[str, str] = {}
    if completed_on > today:
        errors["completed_on"] = _("系统启用前培训的日期不能晚于今天")
    if not (evidence or "").strip():
        errors["evidence"] = _("请填写证明材料（证书编号、通知文号或签到表存档位置）")
    return errors
