"""Pure staffing rules: every bracket edge of 二(二), coordinators 二(三), ranking priorities."""

from __future__ import annotations

import datetime as dt

import pytest

from staffing import rules
from staffing.choices import ComplianceStatus, Education

# the seeded brackets (staffing/migrations/0002_seed_rules.py), as pure data
POLICY = [
    rules.Bracket("county", 0, 3000, 2),
    rules.Bracket("county", 3000, 5000, 4),
    rules.Bracket("county", 5000, 8000, 6),
    rules.Bracket("county", 8000, None, 10),
    rules.Bracket("township", 0, 300, 2),
    rules.Bracket("township", 300, 600, 4),
    rules.Bracket("township", 600, None, 6),
]


@pytest.mark.parametrize(
    ("households", "required"),
    [
        (0, 2),
        (2999, 2),
        (3000, 4),  # both 2 and 4 apply: the larger binds
        (3001, 4),
        (4999, 4),
        (5000, 6),
        (5001, 6),
        (7999, 6),
        (8000, 10),
        (8001, 10),
        (120000, 10),
    ],
)
def test_county_bracket_edges_take_the_larger_minimum(households, required):
    assert rules.required_staff("county", households, POLICY) == required


@pytest.mark.parametrize(
    ("households", "required"),
    [(0, 2), (299, 2), (300, 4), (301, 4), (599, 4), (600, 6), (601, 6), (5000, 6)],
)
def test_township_bracket_edges_take_the_larger_minimum(households, required):
    assert rules.required_staff("township", households, POLICY) == required


def test_no_bracket_for_the_level_requires_nobody():
    assert rules.required_staff("county", 100, [b for b in POLICY if b.level == "township"]) == 0


def test_aid_households_count_dibao_and_tekun_by_default():
    assert rules.aid_households(100, 10, 50) == 110
    assert rules.aid_households(100, 10, 50, rules.Categories(temporary=True)) == 160
    assert rules.aid_households(100, 10, 50, rules.Categories(dibao=False)) == 10


@pytest.mark.parametrize(
    ("households", "required", "actual", "expected"),
    [
        # no caseload: the floor of 2 (the minimum for 0 households) still decides "short"; enough staff is a
        # warning ("no data"), never compliant
        (None, 2, 0, (ComplianceStatus.SHORT, 2)),
        (None, 2, 1, (ComplianceStatus.SHORT, 1)),
        (None, 2, 2, (ComplianceStatus.NO_DATA, 0)),
        (None, 2, 3, (ComplianceStatus.NO_DATA, 0)),
        (100, 2, 2, (ComplianceStatus.COMPLIANT, 0)),
        (100, 2, 5, (ComplianceStatus.COMPLIANT, 0)),
        (400, 4, 1, (ComplianceStatus.SHORT, 3)),
        (0, 2, 0, (ComplianceStatus.SHORT, 2)),
        (0, 2, 1, (ComplianceStatus.SHORT, 1)),
        (0, 2, 2, (ComplianceStatus.COMPLIANT, 0)),
    ],
)
def test_staff_status_and_shortfall(households, required, actual, expected):
    assert rules.staff_status(households, required, actual) == expected


@pytest.mark.parametrize(
    ("coordinators", "expected"),
    [
        (0, (ComplianceStatus.SHORT, 1)),
        (1, (ComplianceStatus.COMPLIANT, 0)),
        (2, (ComplianceStatus.COMPLIANT, 0)),
        (3, (ComplianceStatus.FLAGGED, 0)),
    ],
)
def test_village_coordinators_zero_short_one_or_two_compliant_more_flagged(coordinators, expected):
    assert rules.village_status(coordinators) == expected


@pytest.mark.parametrize(
    "value", ["2026-1", "2026-13", "2026-00", "26-10", "2026/10", "", None, "2026-10-01"]
)
def test_malformed_period_is_an_error(value):
    assert rules.period_error(value)


def test_period_helpers():
    assert rules.period_error("2026-10") is None
    assert rules.period_end("2024-02") == dt.date(2024, 2, 29)
    assert rules.previous_period("2026-01") == "2025-12"
    assert rules.reference_date("2026-11", dt.date(2026, 11, 26)) == dt.date(2026, 11, 26)
    assert rules.reference_date("2026-10", dt.date(2026, 11, 26)) == dt.date(2026, 10, 31)


@pytest.mark.parametrize(
    ("post", "level", "ok"),
    [
        ("county_bureau", "county", True),
        ("county_bureau", "township", False),
        ("township", "township", True),
        ("village_coordinator", "village", True),
        ("village_coordinator", "township", False),
        ("support_institution", "county", True),
        ("support_institution", "township", True),
        ("support_institution", "village", False),
    ],
)
def test_post_must_match_region_level(post, level, ok):
    assert (rules.post_level_error(post, level) is None) is ok


def test_age_turns_on_the_birthday():
    assert rules.age_on(dt.date(1996, 6, 1), dt.date(2026, 5, 31)) == 29
    assert rules.age_on(dt.date(1996, 6, 1), dt.date(2026, 6, 1)) == 30


@pytest.mark.parametrize(
    ("birth", "age", "priority"),
    [
        # the round is on 2026-07-01; ages counted by hand from the birth dates
        (dt.date(1997, 7, 1), 29, True),  # 29th birthday on the round's date
        (dt.date(1996, 7, 2), 29, True),  # turns 30 the day after the round
        (dt.date(1996, 7, 1), 30, True),  # 30th birthday on the round's date: "30岁以下" includes 30
        (dt.date(1995, 7, 2), 30, True),  # 30, turns 31 the day after
        (dt.date(1995, 7, 1), 31, False),  # 31st birthday on the round's date
        (dt.date(1994, 1, 1), 32, False),
    ],
)
def test_30_years_or_under_includes_30(birth, age, priority):
    on = dt.date(2026, 7, 1)
    assert rules.age_on(birth, on) == age
    assert rules.is_fresh_graduate_under_30(birth, dt.date(2026, 6, 30), on) is priority


def test_fresh_graduate_under_30_edges():
    on = dt.date(2026, 7, 1)
    assert rules.is_fresh_graduate_under_30(dt.date(2000, 1, 1), dt.date(2026, 6, 30), on)
    assert not rules.is_fresh_graduate_under_30(dt.date(2000, 1, 1), dt.date(2024, 6, 30), on)  # not fresh
    assert not rules.is_fresh_graduate_under_30(dt.date(2000, 1, 1), None, on)


def test_eligibility_needs_full_time_college_and_computer_skills():
    assert rules.eligibility_problems(Education.COLLEGE, True, True) == []
    assert rules.eligibility_problems(Education.SECONDARY, True, True)
    assert rules.eligibility_problems(Education.BACHELOR, False, True)
    assert rules.eligibility_problems(Education.POSTGRADUATE, True, False)


def _a(key, score, sw=False, vet=False, fresh=False, eligible=True):
    return rules.Applicant(key, score, sw, vet, fresh, eligible)


def test_ranking_by_score_then_priorities_with_reasons():
    ranked = rules.rank_applicants(
        [
            _a("low", 70),
            _a("tie_plain", 85),
            _a("tie_veteran", 85, vet=True),
            _a("top", 90),
            _a("out", 99, eligible=False),
        ]
    )
    order = [(a.key, rank) for a, rank, _ in ranked]
    assert order == [("top", 1), ("tie_veteran", 2), ("tie_plain", 3), ("low", 4), ("out", 0)]
    reasons = {a.key: reason for a, _, reason in ranked}
    assert "退役军人" in reasons["tie_veteran"]
    assert "同分" in reasons["tie_plain"]
    assert "同分" not in reasons["top"]
    assert "不符合" in reasons["out"]


def test_equal_score_and_equal_priorities_share_a_rank():
    ranked = rules.rank_applicants([_a("a", 80, sw=True), _a("b", 80, vet=True), _a("c", 60)])
    assert [rank for _, rank, _ in ranked] == [1, 1, 3]


def test_dispatched_staff_need_their_organisation():
    assert set(rules.dispatch_fields_error("dispatched", "", "")) == {
        "dispatching_org_name",
        "dispatching_org_credit_code",
    }
    assert rules.dispatch_fields_error("established", "", "") == {}


@pytest.mark.parametrize(
    ("cell", "period"),
    [
        ("2026-10", "2026-10"),  # typed as text
        ("2026-10-01 00:00:00", "2026-10"),  # a date cell read back (openpyxl datetime as text)
        ("2026-10-01", "2026-10"),
        ("2026-02-28 00:00:00", "2026-02"),
        (" 2026-10 ", "2026-10"),
        ("2026-02-30", "2026-02-30"),  # not a real date: left as typed, refused by period_error
        ("", ""),
        (None, ""),
    ],
)
def test_a_date_cell_is_read_as_its_month(cell, period):
    assert rules.period_from_cell(cell) == period
