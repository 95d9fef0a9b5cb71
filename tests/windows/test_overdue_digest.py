"""The overdue job tells each person once a day (issue 14: 143 notifications on day one before, one per case and
run): one notification per first responder and supervisor listing the day's newly overdue cases."""

from __future__ import annotations

import datetime as dt

import pytest

from regions.models import Notification
from tests.factories.windows import make_case
from windows import services
from windows.models import Case

pytestmark = pytest.mark.django_db


def test_three_overdue_cases_make_one_notification_for_the_first_responder_and_one_for_the_admin(
    windows, actors
):
    cases = [make_case(actors.township_a1, windows.a1, seq=seq, accept=True) for seq in (1, 2, 3)]
    Case.objects.filter(pk__in=[c.pk for c in cases]).update(due_date=dt.date(2026, 12, 4))
    assert services.cases_mark_overdue(today=dt.date(2026, 12, 7)) == 3
    mine = Notification.objects.get(user=actors.township_a1, kind="case_overdue")
    assert mine.title.startswith("3 件求助事项已超期")
    assert [line.split()[0] for line in mine.body.splitlines()] == [c.number for c in cases]
    assert Notification.objects.filter(user=actors.county_admin, kind="case_overdue").count() == 1
    assert Notification.objects.filter(kind="case_overdue").count() == 2


def test_a_second_run_the_same_day_adds_a_newly_overdue_case_to_the_same_notification(windows, actors):
    first = make_case(actors.township_a1, windows.a1, seq=1, accept=True)
    second = make_case(actors.township_a1, windows.a1, seq=2, accept=True)
    Case.objects.filter(pk=first.pk).update(due_date=dt.date(2026, 12, 4))
    services.cases_mark_overdue(today=dt.date(2026, 12, 7))
    Case.objects.filter(pk=second.pk).update(due_date=dt.date(2026, 12, 5))
    services.cases_mark_overdue(today=dt.date(2026, 12, 7))
    services.cases_mark_overdue(today=dt.date(2026, 12, 7))  # nothing new: nothing changes
    mine = Notification.objects.get(user=actors.township_a1, kind="case_overdue")
    assert mine.title.startswith("2 件") and len(mine.body.splitlines()) == 2


def test_the_next_day_brings_a_new_notification_only_for_new_overdue_cases(windows, actors):
    first = make_case(actors.township_a1, windows.a1, seq=1, accept=True)
    Case.objects.filter(pk=first.pk).update(due_date=dt.date(2026, 12, 4))
    services.cases_mark_overdue(today=dt.date(2026, 12, 7))
    services.cases_mark_overdue(today=dt.date(2026, 12, 8))  # still overdue, already recorded: no news
    assert Notification.objects.filter(user=actors.township_a1, kind="case_overdue").count() == 1
