"""Staffing rules as pure functions: no ORM, no request, today passed in. Each cites its policy clause."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .choices import ComplianceStatus, Education, Employment, Post

PERIOD_RE = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")

# Which post may be held at which region level (二(二): 县级民政部门、乡镇（街道）、村（社区）、供养服务机构).
POST_LEVELS: dict[str, frozenset[str]] = {
    Post.COUNTY_BUREAU: frozenset({"county"}),
    Post.TOWNSHIP: frozenset({"township"}),
    Post.VILLAGE_COORDINATOR: frozenset({"village"}),
    Post.SUPPORT_INSTITUTION: frozenset({"county", "township"}),
}
# 二(二): the county and township minimums are for handling staff at the county bureau and the townships. Village
# coordinators and workers posted to a care institution (特困人员供养服务机构) count toward neither (domain.md 12);
# the institution's workers are listed separately.
COUNTED_POSTS = frozenset({Post.COUNTY_BUREAU, Post.TOWNSHIP})
# 二(三): in principle 1-2 coordinators per village (community).
COORDINATORS_MIN = 1
COORDINATORS_MAX = 2
# 二(二): dispatched staff in principle full-time 大专 (college) or above.
COLLEGE_OR_ABOVE = frozenset({Education.COLLEGE, Education.BACHELOR, Education.POSTGRADUATE})
FRESH_GRADUATE_AGE_LIMIT = 30


@dataclass(frozen=True)
class Bracket:
    """Households `low`..`high` inclusive (`high` None: no upper end) need at least `min_staff`."""

    level: str
    low: int
    high: int | None
    min_staff: int


@dataclass(frozen=True)
class Categories:
    """Which aid categories count as aid households (part of a rule set; default dibao + tekun)."""

    dibao: bool = True
    tekun: bool = True
    temporary: bool = False


def period_error(value: str) -> str | None:
    """Why `value` is not a period (YYYY-MM), or None."""
    if not isinstance(value, str) or not PERIOD_RE.match(value):
        return _("月份格式应为 YYYY-MM，如 2026-10")
    return None


# A month typed into an Excel cell ("2026-10") becomes a date cell (2026-10-01); read back it is a datetime whose
# text is "2026-10-01 00:00:00" (or "2026-10-01"). Such a cell is read as its month, not refused.
DATE_CELL_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$")


def period_from_cell(value: object) -> str:
    """The period a spreadsheet cell holds: the text as typed ("2026-10"), or the month of a date cell."""
    text = str(value if value is not None else "").strip()
    found = DATE_CELL_RE.match(text)
    if found:
        try:
            return period_of(dt.date(int(found[1]), int(found[2]), int(found[3])))
        except ValueError:
            return text
    return text


def period_start(period: str) -> dt.date:
    year, month = map(int, period.split("-"))
    return dt.date(year, month, 1)


def period_end(period: str) -> dt.date:
    year, month = map(int, period.split("-"))
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def previous_period(period: str) -> str:
    return period_of(period_start(period) - dt.timedelta(days=1))


def reference_date(period: str, today: dt.date) -> dt.date:
    """The day whose postings count as a period's staff: the period's last day, or today for the running month."""
    return min(period_end(period), today)


def aid_households(dibao: int, tekun: int, temporary: int, categories: Categories = Categories()) -> int:
    """Aid households = dibao + tekun (+ temporary where the rule set says so) (二(二))."""
    return (
        (dibao if categories.dibao else 0)
        + (tekun if categories.tekun else 0)
        + (temporary if categories.temporary else 0)
    )


def required_staff(level: str, households: int, brackets: Sequence[Bracket]) -> int:
    """Minimum handling staff for a region (粤民发〔2018〕170号 二(二)).

    Brackets are inclusive at both ends ("以上/以下" include the number, 民法典 第一千二百五十九条), so at 3,000 / 5,000
    / 8,000 (county) and 300 / 600 (township) two brackets apply: the larger minimum binds. 0 if none applies.
    """
    matching = [
        b.min_staff
        for b in brackets
        if b.level == level and b.low <= households and (b.high is None or households <= b.high)
    ]
    return max(matching, default=0)


def staff_status(households: int | None, required: int, actual: int) -> tuple[str, int]:
    """(status, shortfall) for a county or township.

    `required` is the minimum for the region's households, or for 0 households when no caseload was reported: the
    minimum of 2 applies from 0 (粤民发〔2018〕170号 二(二) "3000户以下的至少配备2名", domain.md 12), so fewer staff
    than that is short even without data. Enough for that floor but no caseload is 'no data', a warning, never
    compliant: the real minimum may be higher.
    """
    shortfall = max(required - actual, 0)
    if shortfall:
        return ComplianceStatus.SHORT, shortfall
    if households is None:
        return ComplianceStatus.NO_DATA, 0
    return ComplianceStatus.COMPLIANT, 0


def village_status(coordinators: int) -> tuple[str, int]:
    """(status, shortfall) for a village: 0 coordinators short, 1-2 compliant, more than 2 flagged (二(三))."""
    if coordinators < COORDINATORS_MIN:
        return ComplianceStatus.SHORT, COORDINATORS_MIN - coordinators
    if coordinators > COORDINATORS_MAX:
        return ComplianceStatus.FLAGGED, 0
    return ComplianceStatus.COMPLIANT, 0


def post_level_error(post: str, level: str) -> str | None:
    """Why `post` cannot be held in a region of `level`, or None."""
    allowed = POST_LEVELS.get(post)
    if allowed is None:
        return _("岗位无效")
    if level not in allowed:
        return _("岗位与任职区域层级不符（县级民政部门→县，乡镇→乡镇，协理员→村（社区），供养机构→县或乡镇）")
    return None


def age_on(birth: dt.date, day: dt.date) -> int:
    """Full years of age on `day`."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def is_fresh_graduate_under_30(birth: dt.date, graduation: dt.date | None, on: dt.date) -> bool:
    """二(二) priority "年龄30岁以下的应届毕业生": a fresh graduate (graduated within the last 12 months, or graduating)
    aged 30 or less on `on` — 以下 includes the number itself (民法典 第一千二百五十九条, domain.md 12)."""
    if graduation is None or age_on(birth, on) > FRESH_GRADUATE_AGE_LIMIT:
        return False
    return graduation <= on + dt.timedelta(days=366) and graduation >= on - dt.timedelta(days=366)


def eligibility_problems(education: str, full_time: bool, computer_literate: bool) -> list[str]:
    """Why a candidate for a dispatched post falls short of the in-principle requirements (二(二)); [] if none."""
    problems = []
    if education not in COLLEGE_OR_ABOVE:
        problems.append(_("学历低于大专"))
    elif not full_time:
        problems.append(_("非全日制学历"))
    if not computer_literate:
        problems.append(_("不熟悉计算机操作"))
    return problems


@dataclass(frozen=True)
class Applicant:
    """What ranking needs to know about a candidate."""

    key: object
    score: float
    social_work_qualification: bool
    veteran: bool
    fresh_graduate_under_30: bool
    eligible: bool


def priority_count(a: Applicant) -> int:
    return int(a.social_work_qualification) + int(a.veteran) + int(a.fresh_graduate_under_30)


def rank_applicants(applicants: Sequence[Applicant]) -> list[tuple[Applicant, int, str]]:
    """Eligible applicants ranked by score; at equal score, more priorities first (社会工作职业资格、退役军人、30岁以下
    应届毕业生 同等条件下优先, 二(二)). Returns (applicant, rank, reason); ineligible applicants get rank 0."""
    eligible = sorted((a for a in applicants if a.eligible), key=lambda a: (-a.score, -priority_count(a)))
    ranked: list[tuple[Applicant, int, str]] = []
    for index, a in enumerate(eligible):
        rank = index + 1
        if index and (a.score, priority_count(a)) == (
            eligible[index - 1].score,
            priority_count(eligible[index - 1]),
        ):
            rank = ranked[-1][1]
        ties = [b for b in eligible if b.score == a.score and b is not a]
        reason = f"成绩 {a.score:g}"
        if ties:
            labels = [
                label
                for flag, label in (
                    (a.social_work_qualification, "社会工作职业资格"),
                    (a.veteran, "退役军人"),
                    (a.fresh_graduate_under_30, "30岁以下应届毕业生"),
                )
                if flag
            ]
            reason += (
                "；同分，优先条件：" + ("、".join(labels) if labels else "无") + f"（{priority_count(a)} 项）"
            )
        ranked.append((a, rank, reason))
    for a in applicants:
        if not a.eligible:
            ranked.append((a, 0, _("不符合报名条件")))
    return ranked


def dispatch_fields_error(employment: str, org_name: str, credit_code: str) -> dict[str, str]:
    """Field errors for the dispatching organisation: required for dispatched staff, empty for established."""
    errors = {}
    if employment == Employment.DISPATCHED:
        if not org_name.strip():
            errors["dispatching_org_name"] = _("派遣人员须填写派遣机构名称")
        if not credit_code.strip():
            errors["dispatching_org_credit_code"] = _("派遣人员须填写派遣机构统一社会信用代码")
    return errors
