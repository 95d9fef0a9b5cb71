"""Funding reference rules with hand-worked values (the plan's numbers written here: 80,000 and 50,000 yuan a person
a year, 3 % of last year's dibao spending)."""

from __future__ import annotations

from decimal import Decimal

from oversight import rules

PAY = [(["4401", "4403"], Decimal("80000")), ([], Decimal("50000"))]


def _flags(work_fund, dibao, pay_total=Decimal("0"), staff=0, code="440106"):
    return rules.funding_flags(
        work_fund=Decimal(work_fund),
        dibao_previous_year=Decimal(dibao),
        share=Decimal("0.03"),
        pay_total=Decimal(pay_total),
        staff=staff,
        pay_minimum=rules.pay_minimum_for(code, PAY),
    )


def test_three_percent_of_dibao_to_the_fen():
    # 12,345,678.90 × 3 % = 370,370.367 → 370,370.37
    assert rules.work_fund_minimum(Decimal("12345678.90"), Decimal("0.03")) == Decimal("370370.37")


def test_a_work_fund_exactly_at_three_percent_is_not_below():
    assert _flags("300000.00", "10000000")["work_fund_below"] is False


def test_a_fen_under_three_percent_is_below():
    assert _flags("299999.99", "10000000")["work_fund_below"] is True


def test_pearl_river_delta_pay_at_80000_is_not_below():
    assert _flags("1", "0", pay_total="240000", staff=3, code="440106")["pay_below"] is False


def test_pearl_river_delta_pay_under_80000_is_below():
    assert _flags("1", "0", pay_total="239999", staff=3, code="440106")["pay_below"] is True


def test_elsewhere_60000_is_not_below_but_in_the_delta_it_is():
    assert _flags("1", "0", pay_total="60000", staff=1, code="440511")["pay_below"] is False
    assert _flags("1", "0", pay_total="60000", staff=1, code="440303")["pay_below"] is True


def test_elsewhere_under_50000_is_below():
    assert _flags("1", "0", pay_total="49999.99", staff=1, code="440511")["pay_below"] is True


def test_no_dispatched_staff_no_pay_flag():
    assert _flags("1", "0", pay_total="0", staff=0)["pay_below"] is False
