"""Time limits of the steps and the overdue job (marks and notifies once; a new step never clears ever_overdue)."""

from __future__ import annotations

import datetime as dt

import pytest

from regions.models import Notification
from tests.factories.windows import make_case
from windows import services
from windows.models import Case

pytestmark = pytest.mark.django_db


def test_accept_sets_the_feedback_deadline(windows, actors):
    case = make_case(actors.township_a1, windows.a1, category="disaster")
    received_due = case.due_date
    services.case_accept(actor=actors.township_a1, case=case)
    assert case.due_date > received_due or case.due_date >= received_due


def test_overdue_job_marks_and_notifies_once(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    Case.objects.filter(pk=case.pk).update(due_date=dt.date(2026, 1, 5))
    assert services.cases_mark_overdue(today=dt.date(2026, 1, 6)) == 1
    assert services.cases_mark_overdue(today=dt.date(2026, 1, 7)) == 0
    notified = set(Notification.objects.filter(kind="case_overdue").values_list("user__username", flat=True))
    assert notified == {"township_a1", "county_admin_a"}
    assert Case.objects.get(pk=case.pk).overdue_marked_at is not None


def test_not_yet_due_case_is_not_marked(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    assert services.cases_mark_overdue(today=case.due_date) == 0


def test_a_new_step_restarts_the_step_mark_but_the_case_stays_ever_overdue(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    Case.objects.filter(pk=case.pk).update(due_date=dt.date(2026, 1, 5))
    services.cases_mark_overdue(today=dt.date(2026, 1, 6))
    case.refresh_from_db()
    services.case_assign(actor=actors.township_a1, case=case, unit="社会事务办")
    case.refresh_from_db()
    assert case.overdue_marked_at is None  # the new step's clock may be marked again when it runs out
    assert case.ever_overdue is True
