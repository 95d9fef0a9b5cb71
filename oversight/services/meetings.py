"""Writes of the joint meeting (粤民发〔2018〕170号 三): meetings, issues, follow-ups, the overdue reminder."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from core.workflow import apply_transition, next_state
from regions import access
from regions.audit import set_actor
from regions.choices import ADMIN_ROLES
from regions.models import Region
from regions.notifications import notify_digest

from .. import rules
from ..choices import Department, IssueAction, IssueArea, IssueStatus
from ..models import FollowUp, Issue, Meeting, OverviewSnapshot

#: (status, action) → the next status
ISSUE_STEPS: dict[tuple[IssueStatus, str], IssueStatus] = {
    (IssueStatus.OPEN, IssueAction.CLOSE): IssueStatus.CLOSED
}
FOLLOW_UP_DAYS = 30


def meeting_create(
    *,
    actor: Any,
    region: Region,
    held_on: dt.date,
    title: str,
    departments: list[str],
    other_departments: str = "",
    decisions: str = "",
    minutes: UploadedFile | None = None,
) -> Meeting:
    access.require_role(actor, region.code)
    unknown = [d for d in departments if d not in Department.values]
    if unknown or not departments:
        raise ValidationError({"departments": _("请选择出席部门")})
    if minutes is not None:
        error = rules.minutes_error(minutes.name or "", minutes.size or 0)
        if error:
            raise ValidationError({"minutes": error})
    meeting = Meeting(
        region=region,
        held_on=held_on,
        title=title,
        departments=sorted(set(departments)),
        other_departments=other_departments,
        decisions=decisions,
        created_by=actor,
    )
    if minutes is not None:
        meeting.minutes = minutes
    meeting.full_clean()
    with transaction.atomic(), set_actor(actor):
        meeting.save()
    return meeting


def issue_raise(
    *,
    actor: Any,
    region: Region,
    area: str,
    description: str,
    owner_department: str,
    deadline: dt.date,
    meeting: Meeting | None = None,
    period: str = "",
    figures: dict[str, Any] | None = None,
) -> Issue:
    """An issue about `region`; at a meeting, the region must lie within the meeting's region."""
    access.require_role(actor, region.code)
    if meeting is not None and not region.code.startswith(meeting.region.code):
        raise ValidationError({"region": _("问题涉及的区域应在会议召开区域之内")})
    issue = Issue(
        meeting=meeting,
        region=region,
        area=area,
        description=description.strip(),
        owner_department=owner_department,
        deadline=deadline,
        period=period,
        figures=figures or {},
        raised_by=actor,
    )
    issue.full_clean()
    with transaction.atomic(), set_actor(actor):
        issue.save()
    return issue


def issue_raise_from_overview(*, actor: Any, region_code: str, period: str, area: str = "") -> Issue:
    """One click on an overview row: an issue about that region carrying the row's figures of the month."""
    access.require_visible(actor, region_code)
    snap = (
        OverviewSnapshot.objects.select_related("region")
        .filter(region_code=region_code, period=period)
        .first()
    )
    if snap is None:
        raise ValidationError({"period": _("该区域该月份尚无概览数据")})
    area = area if area in IssueArea.values else IssueArea.OTHER
    description = _("%(period)s 概览发现的问题（%(region)s），请责任部门核实并跟踪整改。") % {
        "period": period,
        "region": snap.region.name,
    }
    return issue_raise(
        actor=actor,
        region=snap.region,
        area=area,
        description=description,
        owner_department=Department.CIVIL_AFFAIRS,
        deadline=timezone.localdate() + dt.timedelta(days=FOLLOW_UP_DAYS),
        period=period,
        figures=snap.figures,
    )


def issue_follow_up(*, actor: Any, issue: Issue, note: str, close: bool = False) -> FollowUp:
    """Record how the issue stands; `close` ends it (of two closing at once one wins, the other gets 409)."""
    access.require_role(actor, issue.region.code)
    if issue.status != IssueStatus.OPEN:
        raise Conflict(_("该问题已办结，不能再记录跟踪情况"), code="issue_closed")
    follow_up = FollowUp(issue=issue, note=note.strip(), closes=close, by=actor)
    follow_up.full_clean()
    with transaction.atomic(), set_actor(actor):
        if close:
            new = next_state(ISSUE_STEPS, issue.status, IssueAction.CLOSE, labels=IssueStatus)
            apply_transition(Issue.objects, issue, new, closed_at=timezone.now())
        follow_up.save()
    return follow_up


def overdue_issues_notify(*, today: dt.date | None = None) -> int:
    """Open issues past their deadline: each admin of the regions concerned gets one notification a day listing
    them (issue 14; a second run the same day sends nothing new). Returns how many admins were told anything new."""
    today = today or timezone.localdate()
    issues = list(
        Issue.objects.filter(status=IssueStatus.OPEN, deadline__lt=today)
        .select_related("region")
        .order_by("id")
    )
    admins = access.users_with_role({i.region.code for i in issues}, ADMIN_ROLES)
    lines: dict = defaultdict(list)
    for issue in issues:
        text = _("%(region)s：%(description)s（期限 %(deadline)s）") % {
            "region": issue.region.name,
            "description": " ".join(issue.description.split())[:60],
            "deadline": f"{issue.deadline:%Y-%m-%d}",
        }
        line = f"{text} {reverse('oversight:issue', args=[issue.pk])}"
        for admin in admins.get(issue.region.code, []):
            lines[admin].append(line)
    return notify_digest(
        lines,
        kind="oversight_issue_overdue",
        day=today,
        title=lambda n: _("%(n)s 个联席会议问题已超过整改期限") % {"n": n},
        url=f"{reverse('oversight:issues')}?status={IssueStatus.OPEN}",
    )
