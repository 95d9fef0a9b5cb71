"""Pure rules of the three-party evaluation (粤民发〔2018〕170号 一(六)): weights, grades, samples, independence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import translation

from evaluation.choices import Dimension, Grade, Party
from evaluation.rules import (
    DEFAULT_PARTY_WEIGHTS,
    GradeThresholds,
    IndicatorSpec,
    answer_error,
    dimension_score,
    evaluator_conflict,
    grade_for,
    publication_errors,
    reminder_due,
    response_rate,
    sample_sufficient,
    satisfaction_scores,
    score_error,
    template_errors,
    thresholds_error,
    weighted_exact,
    weighted_score,
)


def full_indicators(**overrides) -> list[IndicatorSpec]:
    """Each party: three indicators, one per dimension, weights 40/30/30."""
    specs = []
    for party in Party.values:
        weights = overrides.get(party, (D(40), D(30), D(30)))
        for dimension, weight in zip(Dimension.values, weights, strict=False):
            specs.append(IndicatorSpec(party, dimension, weight))
    return specs


def test_default_weights_are_acceptable():
    assert template_errors(DEFAULT_PARTY_WEIGHTS, full_indicators()) == {}


@pytest.mark.parametrize(
    "weights",
    [
        {"recipient": D(50), "purchaser": D(25), "third_party": D("24.99")},
        {"recipient": D(50), "purchaser": D(25), "third_party": D("25.01")},
        {"recipient": D(60), "purchaser": D(30), "third_party": D(30)},
    ],
)
def test_party_weights_not_summing_to_100_are_refused(weights):
    errors = template_errors(weights, full_indicators())
    assert "100" in errors["parties"]


def test_recipients_tied_with_another_party_are_refused():
    errors = template_errors(
        {"recipient": D(40), "purchaser": D(40), "third_party": D(20)}, full_indicators()
    )
    assert "服务对象满意度的权重须大于购买主体和第三方各自的权重" in errors["parties"]


def test_recipients_below_another_party_are_refused():
    errors = template_errors(
        {"recipient": D(30), "purchaser": D(45), "third_party": D(25)}, full_indicators()
    )
    assert "服务对象满意度的权重须大于购买主体和第三方各自的权重" in errors["parties"]


def test_recipients_just_above_the_others_are_accepted():
    weights = {"recipient": D("33.34"), "purchaser": D("33.33"), "third_party": D("33.33")}
    assert template_errors(weights, full_indicators()) == {}


def test_a_missing_party_is_refused():
    errors = template_errors({"recipient": D(60), "purchaser": D(40)}, full_indicators())
    assert "third_party" in errors["parties"]


def test_a_zero_party_weight_is_refused():
    errors = template_errors({"recipient": D(100), "purchaser": D(0), "third_party": D(0)}, full_indicators())
    assert "各方权重须大于0且不超过100" in errors["parties"]


def test_indicator_weights_of_a_party_must_sum_to_100():
    errors = template_errors(DEFAULT_PARTY_WEIGHTS, full_indicators(purchaser=(D(40), D(30), D("29.99"))))
    assert set(errors) == {"indicators.purchaser"}
    assert "99.99" in errors["indicators.purchaser"]


def test_a_party_missing_a_dimension_is_refused():
    specs = [
        s for s in full_indicators() if not (s.party == "third_party" and s.dimension == "social_impact")
    ]
    specs.append(IndicatorSpec("third_party", "effectiveness", D(30)))
    errors = template_errors(DEFAULT_PARTY_WEIGHTS, specs)
    assert "社会影响" in errors["indicators.third_party"]


@pytest.mark.parametrize(
    ("total", "grade"),
    [
        (D("100"), Grade.EXCELLENT),
        (D("90"), Grade.EXCELLENT),
        (D("89.99"), Grade.GOOD),
        (D("80"), Grade.GOOD),
        (D("79.99"), Grade.PASS),
        (D("89.995"), Grade.GOOD),
        (D("89.9999"), Grade.GOOD),
        (D("80"), Grade.GOOD),
        (D("79.995"), Grade.PASS),
        (D("79.99"), Grade.PASS),
        (D("60"), Grade.PASS),
        (D("60.00"), Grade.PASS),
        (D("60.0001"), Grade.PASS),
        (D("59.995"), Grade.FAIL),
        (D("59.9999"), Grade.FAIL),
        (D("59.99"), Grade.FAIL),
        (D("0"), Grade.FAIL),
    ],
)
def test_grade_edges_with_default_thresholds_on_the_exact_total(total, grade):
    # domain.md 11: 优秀 ≥ 90, 良好 ≥ 80, 合格 ≥ 60, 不合格 < 60; domain.md 12: decided on the exact total.
    assert grade_for(total, GradeThresholds()) == grade


def test_grade_thresholds_come_from_data():
    stricter = GradeThresholds(D(95), D(85), D(70))
    assert grade_for(D(90), stricter) == Grade.GOOD
    assert grade_for(D("69.99"), stricter) == Grade.FAIL


@pytest.mark.parametrize(
    "thresholds",
    [
        GradeThresholds(D(80), D(80), D(60)),
        GradeThresholds(D(101), D(80), D(60)),
        GradeThresholds(D(90), D(80), D(0)),
    ],
)
def test_thresholds_must_descend_within_0_and_100(thresholds):
    assert thresholds_error(thresholds)


def test_default_thresholds_are_acceptable():
    assert thresholds_error(GradeThresholds()) is None


@pytest.mark.parametrize("value", ["0", "100", "59.99", 0, 100, "0.01"])
def test_scores_in_range_are_accepted(value):
    assert score_error(value) is None


@pytest.mark.parametrize("value", ["-0.01", "100.01", "abc", "NaN", "Infinity", "50.001", None])
def test_scores_out_of_range_or_not_numbers_are_refused(value):
    assert score_error(value)


def test_weighted_total_of_the_default_template():
    # recipients 50 × 80 + purchaser 25 × 90 + third party 25 × 70 = 80
    pairs = [(D(50), D(80)), (D(25), D(90)), (D(25), D(70))]
    assert weighted_score(pairs) == D("80.00")


def test_weighted_total_rounds_half_up_for_display_but_the_grade_reads_the_exact_total():
    # (50 × 59.99 + 25 × 60 + 25 × 60) ÷ 100 = (2999.5 + 1500 + 1500) ÷ 100 = 59.995: shown as 60.00, graded 不合格
    pairs = [(D(50), D("59.99")), (D(25), D(60)), (D(25), D(60))]
    assert weighted_exact(pairs) == D("59.995")
    assert weighted_score(pairs) == D("60.00")
    assert grade_for(weighted_exact(pairs), GradeThresholds()) == Grade.FAIL
    assert weighted_score([(D(50), D("59.98")), (D(25), D(60)), (D(25), D(60))]) == D("59.99")


def test_dimension_score_is_a_weighted_mean_and_none_when_empty():
    assert dimension_score([(D(10), D(100)), (D(30), D(60))]) == D("70.00")
    assert dimension_score([]) is None


def test_satisfaction_answers_become_points_per_question():
    answers = [{"1": 5, "2": 3}, {"1": 4, "2": 1}, {"1": 5}]
    scores = satisfaction_scores(answers, ["1", "2", "3"])
    assert scores == {"1": D("91.67"), "2": D("25.00")}


@pytest.mark.parametrize("value", [0, 6, "x", None, True, 2.5])
def test_answers_outside_1_to_5_are_refused(value):
    assert answer_error(value)


def test_answers_1_to_5_are_accepted():
    assert all(answer_error(v) is None for v in (1, 2, 3, 4, 5, "3"))


def test_minimum_sample_edge():
    assert not sample_sufficient(29, 30)
    assert sample_sufficient(30, 30)


def test_response_rate_needs_a_population():
    assert response_rate(30, 120) == D("25.00")
    assert response_rate(1, 3) == D("33.33")
    assert response_rate(5, None) is None
    assert response_rate(5, 0) is None


def test_evaluator_with_the_contractors_credit_code_is_refused():
    assert "第三方评价机构不能是承接主体本身（统一社会信用代码相同）" in evaluator_conflict(
        "91440101MA59XXXX1A", "91440101ma59xxxx1a ", []
    )


def test_evaluator_with_a_declared_relation_is_refused():
    assert "第三方评价机构已声明与承接主体存在关联关系，不能承担本次评价" in evaluator_conflict(
        "A", "B", ["C", " b"]
    )


def test_an_independent_evaluator_is_accepted():
    assert evaluator_conflict("A", "B", ["C"]) is None


def test_publication_needs_evaluator_every_indicator_and_the_minimum_sample():
    errors = publication_errors(
        missing={"purchaser": 2, "third_party": 0, "recipient": 0},
        responses=29,
        minimum_sample=30,
        has_evaluator=False,
    )
    assert len(errors) == 3
    assert (
        publication_errors(
            missing={"purchaser": 0, "third_party": 0, "recipient": 0},
            responses=30,
            minimum_sample=30,
            has_evaluator=True,
        )
        == []
    )


def test_reminder_starts_lead_days_before_the_contract_ends():
    end = dt.date(2026, 12, 31)
    assert not reminder_due(end, dt.date(2026, 11, 30), 30)
    assert reminder_due(end, dt.date(2026, 12, 1), 30)
    assert reminder_due(end, dt.date(2027, 1, 5), 30)


def test_an_unscored_party_is_named_by_its_label_never_by_its_key():
    # issue 14: "third_party has 5 indicator(s) without a score" reached the Chinese screen
    errors = publication_errors(
        missing={"third_party": 5}, responses=30, minimum_sample=30, has_evaluator=True
    )
    assert errors == ["第三方尚有5项指标未评分"]
    with translation.override("en"):
        errors = publication_errors(
            missing={"third_party": 5}, responses=30, minimum_sample=30, has_evaluator=True
        )
    assert errors == ["Third party has 5 indicator(s) without a score"]
