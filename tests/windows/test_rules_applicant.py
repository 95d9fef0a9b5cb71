"""Pure rules of the applicant's side: the phone check (hand-written tables) and the public step bar."""

from __future__ import annotations

import datetime as dt

import pytest

from windows import rules

D = dt.date


@pytest.mark.parametrize(
    "phone",
    [
        "13800138000",  # mobile, second digit 3
        "19912345678",  # mobile, second digit 9 (the upper edge)
        "138 0013 8000",  # spaces as people write it
        "138-0013-8000",
        "010-12345678",  # Beijing: three-digit code, eight digits
        "020-87654321",  # Guangzhou
        "(020)87654321",
        "0755-12345678",  # Shenzhen: four-digit code, eight digits
        "0756-1234567",  # four-digit code, seven digits (the lower edge)
        "07688123456",  # four-digit code and seven digits without a hyphen
    ],
)
def test_mainland_mobile_and_landline_numbers_are_accepted(phone):
    assert rules.phone_error(phone) is None


@pytest.mark.parametrize(
    ("phone", "why"),
    [
        ("", "empty: the lookup needs it"),
        ("   ", "blank"),
        ("12812345678", "second digit 2 is below the 3–9 range"),
        ("10012345678", "second digit 0"),
        ("1381234567", "ten digits"),
        ("138123456789", "twelve digits"),
        ("87654321", "a local number without its area code"),
        ("020-8765432", "a three-digit code with only seven digits"),
        ("020-876543210", "a three-digit code with nine digits"),
        ("0755-123456", "a four-digit code with six digits"),
        ("0755-123456789", "a four-digit code with nine digits"),
        ("+8613800138000", "a country prefix is not a mainland number as dialled here"),
        ("1380013800a", "a letter"),
        ("110", "an emergency number"),
    ],
)
def test_other_numbers_are_refused_with_a_chinese_message(phone, why):
    problem = rules.phone_error(phone)
    assert problem, why
    assert "电话" in problem


def test_phone_is_stored_as_its_digits():
    assert rules.normalise_phone(" (020) 8765-4321 ") == "02087654321"


def _states(steps):
    return [(s.label, s.state, s.on, s.expected) for s in steps]


def test_new_case_has_apply_done_and_accept_current_with_the_due_date():
    steps = rules.public_steps([("receive", D(2026, 11, 2))], D(2026, 11, 3))
    assert _states(steps) == [
        ("申请", "done", D(2026, 11, 2), None),
        ("受理", "current", None, D(2026, 11, 3)),
        ("审核/分办", "todo", None, None),
        ("办结", "todo", None, None),
    ]


def test_steps_take_the_date_of_their_first_event_and_a_transfer_is_not_a_step():
    events = [
        ("receive", D(2026, 11, 2)),
        ("accept", D(2026, 11, 2)),
        ("transfer", D(2026, 11, 3)),
        ("accept", D(2026, 11, 4)),  # the receiving township accepts: 受理 keeps its first date
        ("assign", D(2026, 11, 5)),
        ("assign", D(2026, 11, 9)),
    ]
    steps = rules.public_steps(events, D(2026, 12, 17))
    assert _states(steps) == [
        ("申请", "done", D(2026, 11, 2), None),
        ("受理", "done", D(2026, 11, 2), None),
        ("审核/分办", "done", D(2026, 11, 5), None),
        ("办结", "current", None, D(2026, 12, 17)),
    ]


def test_closed_case_has_every_step_done():
    events = [
        ("receive", D(2026, 11, 2)),
        ("accept", D(2026, 11, 2)),
        ("feedback", D(2026, 11, 20)),  # feedback without an assignment completes 审核/分办
        ("close", D(2026, 11, 23)),
    ]
    assert [(s.state, s.on) for s in rules.public_steps(events, None)] == [
        ("done", D(2026, 11, 2)),
        ("done", D(2026, 11, 2)),
        ("done", D(2026, 11, 20)),
        ("done", D(2026, 11, 23)),
    ]


def test_case_not_accepted_ends_with_its_own_label_and_passes_over_the_middle():
    events = [("receive", D(2026, 11, 2)), ("reject", D(2026, 11, 3))]
    assert _states(rules.public_steps(events, None)) == [
        ("申请", "done", D(2026, 11, 2), None),
        ("受理", "skipped", None, None),
        ("审核/分办", "skipped", None, None),
        ("不予受理", "done", D(2026, 11, 3), None),
    ]
