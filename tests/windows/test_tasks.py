"""The overdue job: registered in the beat schedule, runs the service, idempotent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from config.celery import app
from regions.models import Notification
from tests.factories.windows import make_case
from windows.models import Case
from windows.tasks import cases_mark_overdue_task, holiday_schedule_remind_task

pytestmark = pytest.mark.django_db


def test_overdue_job_is_in_the_beat_schedule():
    entry = app.conf.beat_schedule["windows-cases-mark-overdue"]
    assert entry["task"] == "windows.tasks.cases_mark_overdue_task"


def test_overdue_task_marks_and_a_second_run_sends_nothing_new(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    Case.objects.filter(pk=case.pk).update(due_date=dt.date(2020, 1, 6))
    assert cases_mark_overdue_task.delay().get() == 1
    sent = Notification.objects.filter(kind="case_overdue").count()
    assert sent == 2  # first responder and the county admin
    Case.objects.filter(pk=case.pk).update(
        overdue_marked_at=None
    )  # even if the mark were lost, the key holds
    cases_mark_overdue_task.delay().get()
    assert Notification.objects.filter(kind="case_overdue").count() == sent


def test_holiday_reminder_job_is_in_the_beat_schedule_and_runs_the_service(actors, monkeypatch):
    entry = app.conf.beat_schedule["windows-holiday-schedule-remind"]
    assert entry["task"] == "windows.tasks.holiday_schedule_remind_task"
    monkeypatch.setattr(timezone, "localdate", lambda value=None, tz=None: dt.date(2026, 11, 1))
    assert holiday_schedule_remind_task.delay().get() == 2
    assert holiday_schedule_remind_task.delay().get() == 0
    assert Notification.objects.filter(kind="holiday_schedule_missing").count() == 2
