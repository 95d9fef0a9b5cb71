"""What waits for one user at the windows, for the home page (issue 14): open cases overdue or due within the week
where the user is first responder (首问负责制, 粤民发〔2018〕170号 二(三)) or where the case sits at a region the user
acts for, and transfers waiting for acceptance in the user's regions. Two aggregate queries, any number of cases."""

from __future__ import annotations

import datetime as dt
from functools import reduce
from operator import or_

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext

from core.web import TodoItem
from regions import access
from regions.choices import ACTING_ROLES, ADMIN_ROLES

from .choices import CaseStatus
from .models import Case, ServiceWindow, overdue_q

#: "due this week": due today or within the next days (the overdue ones are counted apart)
DUE_SOON_DAYS = 7


def _acting_codes(user) -> list[str]:
    return sorted({g.code for g in access.grants(user) if g.role in ACTING_ROLES})


def mine_q(user) -> Q:
    """First responder, or the case is handled at a region the user is granted an acting role on."""
    codes = _acting_codes(user)
    return Q(first_responder=user) | Q(region_code__in=codes) if codes else Q(first_responder=user)


def home_todo(user, today: dt.date) -> list[TodoItem]:
    overdue = overdue_q(today)
    soon = Q(due_date__gte=today, due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS)) & ~overdue
    figures = (
        Case.objects.open()
        .filter(mine_q(user))
        .aggregate(overdue=Count("pk", filter=overdue), soon=Count("pk", filter=soon))
    )
    queue = reverse("windows:queue")
    items = [
        TodoItem(
            gettext("超期事项（我首问或在我处办理）"),
            figures["overdue"],
            f"{queue}?mine=true&overdue=true",
            "bad",
        ),
        TodoItem(
            gettext("本周到期事项（我首问或在我处办理）"),
            figures["soon"],
            f"{queue}?mine=true&due_soon=true",
            "warn",
        ),
    ]
    items += _supervised_overdue(user, today, queue)
    codes = _acting_codes(user)
    if codes or access.sees_everything(user):
        transfers = Case.objects.filter(status=CaseStatus.TRANSFERRED)
        if not access.sees_everything(user):
            transfers = transfers.filter(reduce(or_, (Q(region_code__startswith=c) for c in codes)))
        items.append(
            TodoItem(gettext("待接收的转办"), transfers.count(), f"{queue}?status={CaseStatus.TRANSFERRED}")
        )
    return items


def _supervised_overdue(user, today: dt.date, queue: str) -> list[TodoItem]:
    """A county admin supervises its townships' cases (粤民发〔2018〕170号 二(三): the county follows up what is late):
    the overdue open cases anywhere in the regions it administers, one line, one query."""
    codes = sorted({g.code for g in access.grants(user) if g.role in ADMIN_ROLES})
    if not codes:
        return []
    count = (
        Case.objects.open()
        .filter(overdue_q(today), reduce(or_, (Q(region_code__startswith=c) for c in codes)))
        .count()
    )
    return [TodoItem(gettext("辖区内超期事项（督办）"), count, f"{queue}?overdue=true", "bad")]


def can_take_in(user) -> bool:
    """Whether the user acts at an active window (the intake screen would refuse anyone else: no 登记受理 link)."""
    windows = ServiceWindow.objects.filter(active=True)
    scope = access.role_scope_q(user, "region__code", ACTING_ROLES)
    return (windows.filter(scope) if scope is not None else windows).exists()
