"""Procurement rules at their edges (domain.md sections 2 and 9), without a database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from procurement import rules
from procurement.choices import ContractorKind as K
from procurement.choices import Method as M
from procurement.choices import MethodCondition as C
from procurement.choices import ProjectStatus as S
from procurement.rules import CriterionSpec, Thresholds
from tests.factories.procurement import credit_code

T = Thresholds()


def errors(method, budget, *, condition="", approval="", catalogue=False, **kw):
    return rules.method_errors(
        method=method,
        condition=condition,
        approval_reference=approval,
        budget=D(budget),
        in_central_catalogue=catalogue,
        thresholds=T,
        **kw,
    )


# --- government procurement and the limit ---


def test_just_below_the_procurement_limit_may_be_purchased_without_a_procurement_method():
    assert errors(M.BELOW_LIMIT, "999999.99") == {}


def test_exactly_at_the_procurement_limit_is_a_government_procurement():
    assert "method" in errors(M.BELOW_LIMIT, "1000000.00")


def test_a_project_in_the_centralised_catalogue_needs_a_procurement_method_whatever_its_budget():
    assert "method" in errors(M.BELOW_LIMIT, "1000", catalogue=True)


# --- open-tender threshold and the finance department's approval ---


def test_open_tender_needs_no_condition_or_approval_above_the_threshold():
    assert errors(M.OPEN_TENDER, "5000000") == {}


def test_just_below_the_open_tender_threshold_another_method_needs_no_approval():
    assert errors(M.CONSULTATION, "1999999.99", condition=C.SERVICE_PURCHASE) == {}


def test_exactly_at_the_open_tender_threshold_another_method_needs_the_approval_reference():
    found = errors(M.CONSULTATION, "2000000.00", condition=C.SERVICE_PURCHASE)
    assert set(found) == {"approval_reference"}
    assert (
        errors(M.CONSULTATION, "2000000.00", condition=C.SERVICE_PURCHASE, approval="穗财采〔2026〕12号")
        == {}
    )


def test_a_blank_approval_reference_does_not_count():
    assert "approval_reference" in errors(M.NEGOTIATION, "3000000", condition=C.URGENT, approval="   ")


@pytest.mark.parametrize("method", [M.INVITED_TENDER, M.NEGOTIATION, M.CONSULTATION, M.SINGLE_SOURCE])
def test_every_method_other_than_open_tender_names_its_condition(method):
    assert "method_condition" in errors(method, "1500000")


@pytest.mark.parametrize(
    ("method", "condition", "ok"),
    [
        (M.INVITED_TENDER, C.LIMITED_SUPPLIERS, True),
        (M.INVITED_TENDER, C.URGENT, False),
        (M.NEGOTIATION, C.TENDER_FAILED, True),
        (M.NEGOTIATION, C.ONLY_SUPPLIER, False),
        (M.CONSULTATION, C.SERVICE_PURCHASE, True),
        (M.SINGLE_SOURCE, C.ONLY_SUPPLIER, True),
        (M.SINGLE_SOURCE, C.EMERGENCY, True),
        (M.SINGLE_SOURCE, C.SERVICE_PURCHASE, False),
    ],
)
def test_a_method_accepts_only_its_own_conditions(method, condition, ok):
    assert ("method_condition" not in errors(method, "1500000", condition=condition)) is ok


# --- single source: additions ≤ 10 % of the original contract ---


def test_single_source_addition_at_exactly_ten_percent_is_allowed():
    found = errors(
        M.SINGLE_SOURCE,
        "50000.00",
        condition=C.ADDITION,
        original_amount=D("1000000.00"),
        previous_additions=D("50000.00"),
    )
    assert found == {}


def test_single_source_addition_one_cent_over_ten_percent_is_refused():
    found = errors(
        M.SINGLE_SOURCE,
        "50000.01",
        condition=C.ADDITION,
        original_amount=D("1000000.00"),
        previous_additions=D("50000.00"),
    )
    assert "budget" in found


def test_single_source_addition_must_name_the_original_contract():
    assert "original_contract" in errors(M.SINGLE_SOURCE, "100", condition=C.ADDITION)


def test_the_addition_cap_comes_from_the_thresholds():
    assert rules.addition_cap(D("1000000"), Thresholds(single_source_addition_pct=D(5))) == D("50000.00")


# --- supplier minimums ---


@pytest.mark.parametrize(
    ("method", "bids", "enough"),
    [
        (M.OPEN_TENDER, 2, False),
        (M.OPEN_TENDER, 3, True),
        (M.INVITED_TENDER, 2, False),
        (M.NEGOTIATION, 2, False),
        (M.NEGOTIATION, 3, True),
        (M.CONSULTATION, 1, False),
        (M.CONSULTATION, 2, True),
        (M.SINGLE_SOURCE, 1, True),
        (M.SINGLE_SOURCE, 0, False),
    ],
)
def test_minimum_valid_bids_per_method(method, bids, enough):
    assert rules.enough_bids(method, bids) is enough


def test_two_supplier_consultation_is_only_for_service_purchases():
    assert rules.enough_bids(M.CONSULTATION, 2, service_purchase=True)
    assert not rules.enough_bids(M.CONSULTATION, 2, service_purchase=False)


# --- scoring scheme ---


def scheme(price, *others):
    return [CriterionSpec("价格", D(price), True)] + [
        CriterionSpec(f"项{i}", D(w)) for i, w in enumerate(others)
    ]


def test_weights_summing_to_100_with_price_30_are_accepted():
    assert rules.scheme_errors(scheme("30", "40", "30"), T) == []


def test_weights_not_summing_to_100_are_refused():
    assert any("100" in e for e in rules.scheme_errors(scheme("30", "40", "29.99"), T))


@pytest.mark.parametrize(("price", "ok"), [("9.99", False), ("10", True), ("30", True), ("30.01", False)])
def test_price_weight_edges(price, ok):
    rest = D(100) - D(price)
    found = rules.scheme_errors(scheme(price, str(rest)), T)
    assert (found == []) is ok


def test_the_price_weight_cap_is_local_data():
    assert rules.scheme_errors(scheme("40", "60"), Thresholds(price_weight_max=D(40))) == []


def test_a_scheme_needs_exactly_one_price_criterion():
    two = [
        CriterionSpec("价格", D(15), True),
        CriterionSpec("价格二", D(15), True),
        CriterionSpec("方案", D(70)),
    ]
    assert rules.scheme_errors(two, T)
    assert rules.scheme_errors([CriterionSpec("方案", D(100))], T)


# --- price score and ranking ---


def test_price_score_of_the_lowest_bid_is_the_full_price_weight():
    assert rules.price_score(D(30), D("800000"), D("800000")) == D("30.00")


def test_price_score_formula_rounds_to_cents():
    assert rules.price_score(D(30), D("800000"), D("900000")) == D("26.67")


def test_the_cheapest_bid_does_not_win_against_better_quality():
    criteria = [(1, D(30), True), (2, D(70), False)]
    scores = {(10, 2): [D(40), D(42)], (11, 2): [D(65), D(67)]}
    results = rules.compute_results([(10, D("700000")), (11, D("900000"))], criteria, scores)
    assert [r.bid_id for r in results] == [11, 10]
    winner = results[0]
    assert winner.breakdown == {1: D("23.33"), 2: D("66.00")}
    assert winner.total == D("89.33") and winner.rank == 1


def test_equal_totals_go_to_the_higher_non_price_score():
    criteria = [(1, D(10), True), (2, D(90), False)]
    # bid 10: price 10 + 80 = 90; bid 11: price 5 + 85 = 90
    scores = {(10, 2): [D(80)], (11, 2): [D(85)]}
    results = rules.compute_results([(10, D(100)), (11, D(200))], criteria, scores)
    assert [r.bid_id for r in results] == [11, 10]
    assert results[0].total == results[1].total
    assert not results[0].tied


def test_bids_equal_on_total_and_non_price_are_marked_tied():
    criteria = [(1, D(10), True), (2, D(90), False)]
    scores = {(10, 2): [D(80)], (11, 2): [D(80)]}
    results = rules.compute_results([(10, D(100)), (11, D(100))], criteria, scores)
    assert results[0].tied and results[1].tied
    assert results[0].rank == results[1].rank == 1


def test_a_score_above_the_criterion_weight_is_refused():
    assert rules.score_error(D("70.01"), D(70))
    assert rules.score_error(D(70), D(70)) is None
    assert rules.score_error(D(0), D(70)) is None
    assert rules.score_error(D("-0.01"), D(70))


# --- contractor kind against the credit code ---


@pytest.mark.parametrize(
    ("prefix", "kind", "ok"),
    [
        ("52", K.SOCIAL_ORG, True),
        ("51", K.SOCIAL_ORG, True),
        ("53", K.SOCIAL_ORG, True),
        ("52", K.ENTERPRISE, False),
        ("12", K.PUBLIC_WELFARE_2, True),
        ("12", K.PUBLIC_BUSINESS, True),
        ("12", K.SOCIAL_ORG, False),
        ("11", K.PUBLIC_WELFARE_2, False),  # a government organ cannot be a contractor
        ("13", K.SOCIAL_ORG_EXEMPT, True),
        ("91", K.ENTERPRISE, True),
        ("91", K.SOCIAL_ORG, False),
        ("N1", K.OTHER_REGISTERED, True),
        ("A1", K.SOCIAL_ORG_EXEMPT, True),
        ("Y1", K.ENTERPRISE, True),
    ],
)
def test_kind_must_agree_with_the_credit_codes_registering_authority(prefix, kind, ok):
    assert (rules.kind_error(credit_code(prefix), kind) is None) is ok


# --- eligibility review ---


def all_met(**overrides):
    conditions = {
        c: (True, True) for c in ("civil_liability", "facilities", "staff", "governance", "finance")
    }
    conditions.update(overrides)
    return conditions


def test_a_review_passes_when_all_five_conditions_are_met_with_evidence():
    assert rules.review_errors(all_met(), local_published=False) == {}
    assert rules.review_passes(all_met(), local_published=False)


def test_one_unmet_condition_fails_the_review():
    assert not rules.review_passes(all_met(finance=(False, True)), local_published=False)


def test_a_condition_without_evidence_is_refused():
    assert "staff" in rules.review_errors(all_met(staff=(True, False)), local_published=False)


def test_published_local_conditions_must_be_assessed_too():
    assert "local" in rules.review_errors(all_met(), local_published=True)
    assert not rules.review_passes(all_met(local=(False, True)), local_published=True)
    assert rules.review_passes(all_met(local=(True, True)), local_published=True)


# --- debarment, contracts, takeover plan ---


@pytest.mark.parametrize(
    ("day", "debarred"),
    [
        (dt.date(2025, 12, 31), False),
        (dt.date(2026, 1, 1), True),
        (dt.date(2026, 6, 30), True),
        (dt.date(2026, 7, 1), False),
    ],
)
def test_debarment_covers_both_ends(day, debarred):
    assert rules.is_debarred([(dt.date(2026, 1, 1), dt.date(2026, 6, 30))], day) is debarred


def test_contract_amount_equal_to_the_budget_is_allowed_and_a_cent_over_is_not():
    start, end = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
    assert rules.contract_errors(amount=D("100.00"), budget=D("100.00"), start=start, end=end) == {}
    assert "amount" in rules.contract_errors(amount=D("100.01"), budget=D("100.00"), start=start, end=end)


def test_takeover_plan_with_a_standby_contractor_names_another_contractor():
    base = {"staff_description": "", "triggers": "停止服务", "handover": "逐户交接", "contractor_id": 1}
    assert "standby_contractor" in rules.takeover_plan_errors(
        party="standby_contractor", standby_contractor_id=None, **base
    )
    assert "standby_contractor" in rules.takeover_plan_errors(
        party="standby_contractor", standby_contractor_id=1, **base
    )
    assert rules.takeover_plan_errors(party="standby_contractor", standby_contractor_id=2, **base) == {}


def test_takeover_plan_needs_triggers_and_handover():
    found = rules.takeover_plan_errors(
        party="purchaser_staff",
        standby_contractor_id=None,
        contractor_id=1,
        staff_description="2人",
        triggers=" ",
        handover="",
    )
    assert set(found) == {"triggers", "handover"}


# --- the state machine ---


def test_the_five_stages_follow_each_other():
    path = ["publish", "open", "award", "contract", "start", "evaluate", "close"]
    state = S.SELECTED
    for action in path:
        state = rules.PROJECT_TRANSITIONS[(state, action)]
    assert state == S.CLOSED


def test_a_failed_purchase_can_be_retendered_or_switched_but_not_awarded():
    assert rules.PROJECT_TRANSITIONS[(S.FAILED, "retender")] == S.PUBLISHED
    assert rules.PROJECT_TRANSITIONS[(S.FAILED, "switch_method")] == S.PUBLISHED
    assert (S.FAILED, "award") not in rules.PROJECT_TRANSITIONS


def test_closed_and_terminated_projects_allow_nothing():
    assert not [k for k in rules.PROJECT_TRANSITIONS if k[0] in (S.CLOSED, S.TERMINATED)]
