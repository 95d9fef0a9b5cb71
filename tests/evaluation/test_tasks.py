"""Celery: reminders for evaluations due at contract end (idempotent), survey aggregation on change."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from evaluation import services
from evaluation.schedule import SCHEDULE
from evaluation.services.reminders import send_due_reminders
from evaluation.tasks import evaluation_reminders_task, survey_aggregate_task
from regions.models import Notification
from tests.factories.evaluation import (
    indicator_ids,
    make_contract,
    make_evaluation,
    ready_to_publish,
    superuser,
)

TODAY = dt.date(2026, 12, 10)


def test_beat_runs_the_reminders_daily():
    assert SCHEDULE["evaluation-due-reminders"]["task"] == "evaluation.tasks.evaluation_reminders_task"


def test_contract_ending_without_evaluation_reminds_the_purchasers_staff_once_a_day(regions, actors):
    contract = make_contract(regions.a1, end_date=dt.date(2026, 12, 31))
    make_contract(regions.a1, end_date=dt.date(2027, 6, 30))  # not yet due
    make_contract(regions.b1, end_date=dt.date(2026, 12, 31))  # another county's staff
    sent = send_due_reminders(today=TODAY, lead_days=30)
    notified = set(
        Notification.objects.filter(kind="evaluation_due").values_list("user__username", flat=True)
    )
    assert {"county_admin_a", "county_staff_a", "township_a1", "outsider_b"} == notified
    assert "township_a2" not in notified
    assert sent == 4
    assert contract.number in Notification.objects.filter(user=actors.township_a1).get().body
    assert send_due_reminders(today=TODAY, lead_days=30) == 0  # a second run the same day
    assert (
        send_due_reminders(today=TODAY + dt.timedelta(days=1), lead_days=30) == 4
    )  # the next day's reminder


def test_an_evaluation_in_progress_is_reminded_when_due_and_again_when_overdue(regions, actors):
    contract = make_contract(regions.a1, end_date=dt.date(2026, 12, 31))
    evaluation = make_evaluation(regions.a1, contract=contract)
    assert send_due_reminders(today=TODAY, lead_days=30) == 3  # county admin, county staff, township A1
    due = Notification.objects.filter(key="evaluation_due:20261210")
    assert due.count() == 3 and all("即将到期" in n.body for n in due)
    assert send_due_reminders(today=dt.date(2027, 1, 2), lead_days=30) == 3
    overdue = Notification.objects.filter(key="evaluation_due:20270102")
    assert overdue.count() == 3 and all("已逾期" in n.body for n in overdue)
    assert all(n.body.endswith(f"/evaluation/{evaluation.pk}/") for n in overdue)
    assert send_due_reminders(today=dt.date(2027, 1, 2), lead_days=30) == 0


def test_published_evaluations_are_not_reminded(regions):
    evaluation = ready_to_publish(make_evaluation(regions.a1, contract=make_contract(regions.a1)))
    services.evaluation_publish(actor=superuser(), evaluation=evaluation)
    assert send_due_reminders(today=dt.date(2027, 2, 1), lead_days=30) == 0


def test_reminder_task_runs_the_service(regions, actors):
    make_contract(regions.a1, end_date=dt.date.today())
    assert evaluation_reminders_task.delay().get() >= 1


def test_a_response_queues_the_aggregation_on_commit(regions):
    evaluation = make_evaluation(regions.a1)
    answers = {str(i): 5 for i in indicator_ids(evaluation, "recipient")}
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        services.response_submit(
            actor=superuser(), survey=evaluation.survey, channel="window", answers=answers
        )
    assert len(callbacks) == 1
    evaluation.survey.refresh_from_db()
    assert evaluation.survey.response_count == 0  # not before commit
    callbacks[0]()
    evaluation.survey.refresh_from_db()
    assert evaluation.survey.response_count == 1
    assert survey_aggregate_task.delay(evaluation.survey.pk).get() == 1  # safe to run twice


def test_a_rectification_past_its_deadline_is_reminded_once_a_day(regions, actors):
    contract = make_contract(regions.a1, end_date=dt.date(2026, 6, 30))
    evaluation = ready_to_publish(
        make_evaluation(regions.a1, contract=contract), recipient=1, purchaser="30", third_party="30"
    )
    services.evaluation_publish(
        actor=superuser(),
        evaluation=evaluation,
        rectification_requirements="整改",
        rectification_deadline=dt.date(2026, 8, 1),
        today=dt.date(2026, 7, 1),
    )
    assert send_due_reminders(today=dt.date(2026, 8, 1), lead_days=30) == 0
    assert send_due_reminders(today=dt.date(2026, 8, 2), lead_days=30) == 3
    mine = Notification.objects.get(kind="evaluation_due", user=actors.township_a1)
    assert "整改已超过期限 2026-08-01" in mine.body
    assert send_due_reminders(today=dt.date(2026, 8, 2), lead_days=30) == 0


def test_five_contracts_due_make_one_notification_a_day_per_person(regions, actors):
    contracts = [make_contract(regions.a1, end_date=dt.date(2026, 12, 27 + n)) for n in range(5)]
    send_due_reminders(today=TODAY, lead_days=30)
    send_due_reminders(today=TODAY, lead_days=30)
    mine = Notification.objects.filter(user=actors.township_a1, kind="evaluation_due")
    assert mine.count() == 1
    assert mine.get().title.startswith("5 项")
    lines = mine.get().body.splitlines()
    assert len(lines) == 5 and all(c.number in line for c, line in zip(contracts, lines, strict=True))
    send_due_reminders(today=TODAY + dt.timedelta(days=1), lead_days=30)
    assert mine.count() == 2
