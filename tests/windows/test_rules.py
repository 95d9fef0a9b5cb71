"""Pure rules: transitions, working-day arithmetic over weekends, holidays and make-up days, numbers."""

from __future__ import annotations

import datetime as dt

import pytest

from windows import rules
from windows.choices import CaseAction, CaseStatus, DeadlineStep

D = dt.date
# 2026: National Day 10-01..10-07 off, 10-10 (Saturday) a make-up working day; 09-20 (Sunday) a working day.
CAL = {D(2026, 10, d): False for d in range(1, 8)} | {D(2026, 10, 10): True, D(2026, 9, 20): True}


def test_weekday_is_working_and_weekend_is_not():
    assert rules.is_working_day(D(2026, 11, 27), {})  # Friday
    assert not rules.is_working_day(D(2026, 11, 28), {})  # Saturday
    assert not rules.is_working_day(D(2026, 11, 29), {})  # Sunday


def test_holiday_on_a_weekday_is_not_working_and_make_up_saturday_is():
    assert not rules.is_working_day(D(2026, 10, 1), CAL)
    assert rules.is_working_day(D(2026, 10, 10), CAL)


def test_one_working_day_from_friday_is_monday():
    assert rules.add_working_days(D(2026, 11, 27), 1, {}) == D(2026, 11, 30)


def test_one_working_day_from_thursday_is_friday():
    assert rules.add_working_days(D(2026, 11, 26), 1, {}) == D(2026, 11, 27)


def test_five_working_days_span_one_weekend():
    assert rules.add_working_days(D(2026, 11, 26), 5, {}) == D(2026, 12, 3)


def test_deadline_skips_the_national_day_holiday():
    # Tuesday 09-29 + 3 working days: 09-30, then 10-01..07 off, 10-08 (Thu), 10-09 (Fri)
    assert rules.add_working_days(D(2026, 9, 29), 3, CAL) == D(2026, 10, 9)


def test_make_up_saturday_counts_as_a_working_day():
    # Friday 10-09 + 1 → Saturday 10-10 (调休上班)
    assert rules.add_working_days(D(2026, 10, 9), 1, CAL) == D(2026, 10, 10)


def test_make_up_sunday_before_the_holiday_counts():
    # Friday 09-18 + 1 → Sunday 09-20 (调休上班)
    assert rules.add_working_days(D(2026, 9, 18), 1, CAL) == D(2026, 9, 20)


def test_zero_days_on_a_holiday_moves_to_the_next_working_day():
    assert rules.add_working_days(D(2026, 10, 3), 0, CAL) == D(2026, 10, 8)
    assert rules.add_working_days(D(2026, 11, 26), 0, {}) == D(2026, 11, 26)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        rules.add_working_days(D(2026, 11, 26), -1, {})


def test_working_days_between_counts_after_start_up_to_end():
    assert rules.working_days_between(D(2026, 11, 27), D(2026, 11, 30), {}) == 1
    assert rules.working_days_between(D(2026, 11, 30), D(2026, 11, 27), {}) == -1
    assert rules.working_days_between(D(2026, 9, 30), D(2026, 10, 8), CAL) == 1


def test_due_date_uses_the_limit_of_the_step_running_in_the_status():
    limits = {("dibao", DeadlineStep.ACCEPT): 1, ("dibao", DeadlineStep.FEEDBACK): 30}
    start = D(2026, 11, 26)
    assert rules.due_date(CaseStatus.RECEIVED, "dibao", start, limits, {}) == D(2026, 11, 27)
    assert rules.due_date(CaseStatus.TRANSFERRED, "dibao", start, limits, {}) == D(2026, 11, 27)
    assert rules.due_date(CaseStatus.ACCEPTED, "dibao", start, limits, {}) == D(2027, 1, 7)
    assert rules.due_date(CaseStatus.CLOSED, "dibao", start, limits, {}) is None


def test_due_date_without_a_table_row_uses_the_fallback():
    start = D(2026, 11, 26)
    assert rules.due_date(CaseStatus.RECEIVED, "other", start, {}, {}) == rules.add_working_days(
        start, rules.FALLBACK_WORKING_DAYS, {}
    )


def test_overdue_only_after_the_due_day_and_only_while_open():
    due = D(2026, 11, 26)
    assert not rules.is_overdue(CaseStatus.ACCEPTED, due, due)
    assert rules.is_overdue(CaseStatus.ACCEPTED, due, due + dt.timedelta(days=1))
    assert not rules.is_overdue(CaseStatus.CLOSED, due, due + dt.timedelta(days=1))
    assert not rules.is_overdue(CaseStatus.ACCEPTED, None, due)


@pytest.mark.parametrize(
    ("state", "action", "expected"),
    [
        (CaseStatus.RECEIVED, CaseAction.ACCEPT, CaseStatus.ACCEPTED),
        (CaseStatus.RECEIVED, CaseAction.REJECT, CaseStatus.NOT_ACCEPTED),
        (CaseStatus.ACCEPTED, CaseAction.ASSIGN, CaseStatus.ASSIGNED),
        (CaseStatus.ASSIGNED, CaseAction.TRANSFER, CaseStatus.TRANSFERRED),
        (CaseStatus.TRANSFERRED, CaseAction.ACCEPT, CaseStatus.ACCEPTED),
        (CaseStatus.ASSIGNED, CaseAction.FEEDBACK, CaseStatus.FEEDBACK_GIVEN),
        (CaseStatus.FEEDBACK_GIVEN, CaseAction.CLOSE, CaseStatus.CLOSED),
        (CaseStatus.ACCEPTED, CaseAction.WITHDRAW, CaseStatus.WITHDRAWN),
    ],
)
def test_legal_transitions(state, action, expected):
    assert rules.CASE_TRANSITIONS[(state, action)] == expected


@pytest.mark.parametrize(
    ("state", "action"),
    [
        (CaseStatus.ACCEPTED, CaseAction.CLOSE),  # closing without feedback
        (CaseStatus.ASSIGNED, CaseAction.CLOSE),
        (CaseStatus.RECEIVED, CaseAction.ASSIGN),
        (CaseStatus.ACCEPTED, CaseAction.REJECT),
        (CaseStatus.CLOSED, CaseAction.FEEDBACK),
        (CaseStatus.NOT_ACCEPTED, CaseAction.ACCEPT),
        (CaseStatus.WITHDRAWN, CaseAction.ACCEPT),
        (CaseStatus.TRANSFERRED, CaseAction.FEEDBACK),
    ],
)
def test_illegal_transitions_are_absent(state, action):
    assert (state, action) not in rules.CASE_TRANSITIONS


def test_every_open_status_has_a_running_time_limit():
    assert all(rules.deadline_step(s) for s in rules.OPEN_STATUSES)
    assert not any(rules.deadline_step(s) for s in rules.FINAL_STATUSES)


def test_case_number_is_region_date_and_padded_sequence():
    assert rules.case_number("440106001", D(2026, 11, 26), 7) == "440106001-20261126-0007"


def test_cross_region_is_decided_at_township_level():
    assert not rules.needs_cross_region_transfer("440106001", "440106001002")  # own village
    assert rules.needs_cross_region_transfer("440106001", "440106002001")  # sibling township's village
    assert rules.needs_cross_region_transfer("440106001001", "440303001")


def test_phone_match_needs_exactly_four_digits():
    assert rules.phone_matches("13800138000", "8000")
    assert not rules.phone_matches("13800138000", "800")
    assert not rules.phone_matches("13800138000", "1234")
    assert not rules.phone_matches("", "8000")
    assert not rules.phone_matches("13800138000", "80a0")
