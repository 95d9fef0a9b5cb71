"""Pure rules for windows and cases: no ORM, no request, today passed in.

粤民发〔2018〕170号 二(一): one window accepts every request (一门受理、协同办理); first-inquiry responsibility
(首问负责制); the steps 受理、分办、转办、反馈. 二(四): online application, appointments, cross-region application.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import CaseAction, CaseStatus, DeadlineStep, FollowUpAction, FollowUpStatus

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

S = CaseStatus
A = CaseAction

# 粤民发〔2018〕170号 二(一): 受理 → 分办 → 转办 → 反馈 → 办结; 不予受理 with 一次性告知; the applicant may withdraw.
# A transferred case waits for the receiving side to accept it (accept from TRANSFERRED).
CASE_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.RECEIVED, A.ACCEPT): S.ACCEPTED,
    (S.RECEIVED, A.REJECT): S.NOT_ACCEPTED,
    (S.RECEIVED, A.WITHDRAW): S.WITHDRAWN,
    (S.ACCEPTED, A.ASSIGN): S.ASSIGNED,
    (S.ACCEPTED, A.TRANSFER): S.TRANSFERRED,
    (S.ACCEPTED, A.FEEDBACK): S.FEEDBACK_GIVEN,
    (S.ACCEPTED, A.WITHDRAW): S.WITHDRAWN,
    (S.ASSIGNED, A.ASSIGN): S.ASSIGNED,
    (S.ASSIGNED, A.TRANSFER): S.TRANSFERRED,
    (S.ASSIGNED, A.FEEDBACK): S.FEEDBACK_GIVEN,
    (S.ASSIGNED, A.WITHDRAW): S.WITHDRAWN,
    (S.TRANSFERRED, A.ACCEPT): S.ACCEPTED,
    (S.TRANSFERRED, A.WITHDRAW): S.WITHDRAWN,
    (S.FEEDBACK_GIVEN, A.FEEDBACK): S.FEEDBACK_GIVEN,
    (S.FEEDBACK_GIVEN, A.CLOSE): S.CLOSED,
}

FINAL_STATUSES = frozenset({S.CLOSED, S.NOT_ACCEPTED, S.WITHDRAWN})
OPEN_STATUSES = frozenset(set(S) - FINAL_STATUSES)

# Which time limit runs while a case is in a state (none once it is final).
STEP_FOR_STATUS: dict[str, str] = {
    S.RECEIVED: DeadlineStep.ACCEPT,
    S.TRANSFERRED: DeadlineStep.ACCEPT,
    S.ACCEPTED: DeadlineStep.FEEDBACK,
    S.ASSIGNED: DeadlineStep.FEEDBACK,
    S.FEEDBACK_GIVEN: DeadlineStep.CLOSE,
}

#: used when the deadline table has no row for a category and step (the table in data is the rule)
FALLBACK_WORKING_DAYS = 5
#: the longest limit the table accepts: a limit then ends at most in the year after it starts
MAX_WORKING_DAYS = 200
#: the source of a limit no law or rule sets
LOCAL_DEFAULT_SOURCE = "本地默认"
#: the day from which admins are reminded that next year's State Council schedule is missing (domain.md 12)
SCHEDULE_REMINDER_FROM = (11, 1)


def is_working_day(day: dt.date, calendar: Mapping[dt.date, bool]) -> bool:
    """A working day: Monday–Friday unless the holiday table says it is a holiday; a weekend day the table marks
    as a make-up working day (调休上班) is one. `calendar` maps date → True (working) / False (holiday)."""
    if day in calendar:
        return calendar[day]
    return day.weekday() < 5


def add_working_days(start: dt.date, days: int, calendar: Mapping[dt.date, bool]) -> dt.date:
    """The date `days` working days after `start` (the start day itself is not counted; 0 → the first working day
    on or after `start`)."""
    if days < 0:
        raise ValueError("days must not be negative")
    day = start
    if days == 0:
        while not is_working_day(day, calendar):
            day += dt.timedelta(days=1)
        return day
    counted = 0
    while counted < days:
        day += dt.timedelta(days=1)
        if is_working_day(day, calendar):
            counted += 1
    return day


def working_days_between(start: dt.date, end: dt.date, calendar: Mapping[dt.date, bool]) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is before `start`)."""
    if end < start:
        return -working_days_between(end, start, calendar)
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, calendar):
            count += 1
    return count


def deadline_step(status: str) -> str | None:
    """The time limit that runs in `status`, or None for a final status."""
    return STEP_FOR_STATUS.get(status)


def due_date(
    status: str,
    category: str,
    start: dt.date,
    limits: Mapping[tuple[str, str], int],
    calendar: Mapping[dt.date, bool],
) -> dt.date | None:
    """When the step running in `status` must be done: `limits[(category, step)]` working days from `start`."""
    step = deadline_step(status)
    if step is None:
        return None
    return add_working_days(start, limits.get((category, step), FALLBACK_WORKING_DAYS), calendar)


def case_due_date(category: str, received_on: dt.date, limits, calendar) -> dt.date:
    """The whole-case clock: `limits[(category, "case")]` working days from the day a case was registered."""
    days = limits.get((category, DeadlineStep.CASE), FALLBACK_WORKING_DAYS)
    return add_working_days(received_on, days, calendar)


def years_between(start: dt.date, end: dt.date) -> range:
    return range(start.year, end.year + 1)


def is_provisional(start: dt.date, due: dt.date | None, loaded_years) -> bool:
    """A deadline is provisional when it runs through a year whose holiday schedule is not loaded: it was counted
    with weekends only and may move when the State Council publishes that year's schedule."""
    if due is None:
        return False
    return any(year not in loaded_years for year in years_between(start, due))


def missing_schedule_year(today: dt.date, loaded_years) -> int | None:
    """The year whose schedule admins must enter now: the current year if it is missing, next year from 1 November
    on (the State Council usually publishes it in November), else None."""
    if today.year not in loaded_years:
        return today.year
    if (today.month, today.day) >= SCHEDULE_REMINDER_FROM and today.year + 1 not in loaded_years:
        return today.year + 1
    return None


def county_limit_error(days: int, default_days: int | None, default_statutory: bool) -> str | None:
    """A county may shorten a limit set by law, never lengthen it; any other limit it may set within 1–200."""
    if not 1 <= days <= MAX_WORKING_DAYS:
        return _("时限应为 1 至 {days} 个工作日").format(days=MAX_WORKING_DAYS)
    if default_statutory and default_days is not None and days > default_days:
        return _("不得超过法定时限 {days} 个工作日").format(days=default_days)
    return None


def is_overdue(status: str, due: dt.date | None, today: dt.date) -> bool:
    """An open case is overdue the day after its due date."""
    return status in OPEN_STATUSES and due is not None and today > due


def case_number(region_code: str, day: dt.date, sequence: int) -> str:
    """A number unique in the province and readable: accepting region code, date, daily sequence
    (440106001-20261126-0007). The region code is unique, so numbers of different windows never collide."""
    return f"{region_code}-{day:%Y%m%d}-{sequence:04d}"


def needs_cross_region_transfer(window_code: str, household_code: str) -> bool:
    """异地申请 (粤民发〔2018〕170号 二(四)): the household is outside the accepting window's township, so the case
    goes to the household region's township."""
    return township_code(household_code) != township_code(window_code)


def township_code(code: str) -> str:
    """The township a region belongs to (its own code when it is a county or above)."""
    return code[:9] if len(code) >= 9 else code


def phone_matches(phone: str, last_four: str) -> bool:
    """The public status check: the last four digits of the applicant's phone."""
    last_four = (last_four or "").strip()
    return len(last_four) == 4 and last_four.isdigit() and (phone or "").strip().endswith(last_four)


#: 中国大陆手机号：1 + 第二位 3–9 + 九位数字；固定电话：区号（010、02X 为三位，其余四位）+ 本地号码
#: （三位区号后八位，四位区号后七或八位）。空格、连字符和括号可有可无。
MOBILE_RE = re.compile(r"1[3-9]\d{9}")
LANDLINE_RE = re.compile(r"0(?:10|2\d)\d{8}|0[3-9]\d{2}\d{7,8}")


def normalise_phone(value: str) -> str:
    """The digits of a phone number as typed (spaces, hyphens and brackets dropped)."""
    return re.sub(r"[\s\-()（）]", "", value or "")


def phone_error(value: str) -> str | None:
    """Why a phone number is not a mainland mobile or landline number, or None. The phone is required: the applicant
    looks the case up with it (public status page)."""
    digits = normalise_phone(value)
    if not digits:
        return _("请填写联系电话（查询办理进度时需要）")
    if MOBILE_RE.fullmatch(digits) or LANDLINE_RE.fullmatch(digits):
        return None
    return _("联系电话应为11位手机号或带区号的固定电话")


@dataclass(frozen=True)
class PublicStep:
    """One step of the public step bar: done (with its date), current (with the expected date), to do, or
    passed over (a case not accepted or withdrawn ends early)."""

    key: str
    label: str
    state: str
    on: dt.date | None = None
    expected: dt.date | None = None


#: 申请 → 受理 → 审核/分办 → 办结: the steps an applicant sees (粤民发〔2018〕170号 二(一) 受理、分办、转办、反馈)
PUBLIC_STEPS: tuple[tuple[str, StrOrPromise], ...] = (
    ("apply", gettext_lazy("申请")),
    ("accept", gettext_lazy("受理")),
    ("handle", gettext_lazy("审核/分办")),
    ("close", gettext_lazy("办结")),
)
_PUBLIC_STEP_OF: dict[str, str] = {
    A.RECEIVE: "apply",
    A.ACCEPT: "accept",
    A.ASSIGN: "handle",
    A.FEEDBACK: "handle",
    A.CLOSE: "close",
    A.REJECT: "close",
    A.WITHDRAW: "close",
}
_ENDING_LABEL: dict[str, StrOrPromise] = {
    A.REJECT: gettext_lazy("不予受理"),
    A.WITHDRAW: gettext_lazy("已撤回"),
}


def public_steps(events: list[tuple[str, dt.date]], due: dt.date | None) -> list[PublicStep]:
    """The step bar from the case's events (action, date) in order: each step done on the date of its first event;
    the first step not done is current with `due` as its expected date; a step passed over by a later one (feedback
    without an assignment, a case not accepted) is shown as passed over."""
    first: dict[str, dt.date] = {}
    ending = ""
    for action, day in events:
        step = _PUBLIC_STEP_OF.get(action)
        if step is not None:
            first.setdefault(step, day)
        if action in _ENDING_LABEL:
            ending = action
    keys = [key for key, _label in PUBLIC_STEPS]
    reached = max((keys.index(k) for k in first), default=-1)
    steps = []
    for index, (key, label) in enumerate(PUBLIC_STEPS):
        if key in first:
            shown = _ENDING_LABEL[ending] if key == "close" and ending else label
            steps.append(PublicStep(key, str(shown), "done", on=first[key]))
        elif index < reached:
            steps.append(PublicStep(key, str(label), "skipped"))
        elif index == reached + 1:
            steps.append(PublicStep(key, str(label), "current", expected=due))
        else:
            steps.append(PublicStep(key, str(label), "todo"))
    return steps


#: what a text message says of each public step reached (the applicant asked for them at intake)
_STEP_SMS: dict[str, str] = {
    "apply": "已登记",
    "accept": "已受理",
    "handle": "已进入审核/分办",
    "close": "已办结",
}


def public_step_of(action: str) -> tuple[str, str] | None:
    """The public step an event's action reaches and how a message names it ("close" of a rejection is 不予受理),
    or None for an action the applicant does not see as a step (a transfer, an attachment)."""
    step = _PUBLIC_STEP_OF.get(action)
    if step is None:
        return None
    return step, str(_ENDING_LABEL.get(action) or _STEP_SMS[step])


def can_receive_sms(phone: str) -> bool:
    """Only a mainland mobile number receives a text message; a landline is not sent one."""
    return bool(MOBILE_RE.fullmatch(normalise_phone(phone)))


def step_sms_text(number: str, what: str, day: dt.date, status_url: str) -> str:
    """The message of one step: the case number, the step and its date, where to look it up; nothing personal."""
    text = f"您的求助事项{number}于{day.year}年{day.month}月{day.day}日{what}。"
    if status_url:
        text += f"凭联系电话后四位可查询办理进度：{status_url}"
    return text


def sms_next_try(
    *, attempts: int, failed_at: dt.datetime, max_attempts: int, base_minutes: int
) -> dt.datetime | None:
    """When a message that failed on its `attempts`-th try is tried again: after base, 2×base, 4×base … minutes
    (a gateway that is down for an hour is not hammered), or None once `max_attempts` tries have failed."""
    if attempts >= max_attempts:
        return None
    return failed_at + dt.timedelta(minutes=base_minutes * 2 ** (attempts - 1))


# 好差评 (国办发〔2019〕51号): five grades; 不满意 and 非常不满意 are bad and open a follow-up. A case is rated once it
# is finished for the applicant: closed, or not accepted.
BAD_GRADES = frozenset({2, 1})
RATABLE_STATUSES = frozenset({S.CLOSED, S.NOT_ACCEPTED})


def is_bad_grade(grade: int) -> bool:
    return grade in BAD_GRADES


F = FollowUpStatus
FA = FollowUpAction

# 国办发〔2019〕51号: 差评 → 回访核实 → 属实则限期整改 → 结果反馈申请人; 被评价人可申诉, 县级复核.
FOLLOW_UP_TRANSITIONS: dict[tuple[str, str], str] = {
    (F.CALLBACK, FA.VERIFY): F.RECTIFYING,
    (F.CALLBACK, FA.UNFOUNDED): F.TO_TELL,
    (F.CALLBACK, FA.APPEAL): F.APPEALED,
    (F.RECTIFYING, FA.APPEAL): F.APPEALED,
    (F.APPEALED, FA.UPHOLD): F.TO_TELL,
    (F.APPEALED, FA.DISMISS): F.RECTIFYING,
    (F.RECTIFYING, FA.RECTIFY): F.TO_TELL,
    (F.TO_TELL, FA.TELL): F.CLOSED,
}


def done_on_time(done: dt.date | None, due: dt.date | None) -> bool:
    """A step done on or before its due date (not done: not on time)."""
    return done is not None and due is not None and done <= due


def follow_up_overdue(
    status: str, callback_due: dt.date, rectification_due: dt.date | None, today: dt.date
) -> bool:
    """A follow-up past the limit of the step it waits in: the call-back, or the rectification."""
    if status == F.CALLBACK:
        return today > callback_due
    if status == F.RECTIFYING:
        return rectification_due is not None and today > rectification_due
    return False


def checklist_missing(values: Mapping[str, bool], fields: Sequence[str]) -> list[str]:
    """The checklist items of a window not yet in place (粤民发〔2018〕170号 二(一): 统一窗口标识、固定工作岗位、
    明确工作职责、建立服务规范、公示救助政策), in the policy's order."""
    return [f for f in fields if not values.get(f)]


def coverage_rate(covered: int, total: int) -> float | None:
    """The share of regions with an active window, in percent to one decimal (None when there are none)."""
    return round(100 * covered / total, 1) if total else None
