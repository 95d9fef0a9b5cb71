"""What waits for one user in training, for the home page (issue 14): sessions that have ended and are still
"scheduled" in the regions the user acts for (attendance to record, the session to close, 粤民发〔2018〕170号 二(五))."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from core.web import TodoItem
from regions import access

from .choices import SessionStatus
from .models import TrainingSession


def home_todo(user, today: dt.date) -> list[TodoItem]:
    sessions = TrainingSession.objects.filter(status=SessionStatus.SCHEDULED, ends_at__lt=timezone.now())
    scope = access.role_scope_q(user, "region__code")
    if scope is not None:
        sessions = sessions.filter(scope)
    url = f"{reverse('training:sessions')}?status={SessionStatus.SCHEDULED}"
    return [TodoItem(gettext("已结束待办结的培训班"), sessions.count(), url, "warn")]
