"""The threshold table within the law (issue 11 item 4): the legal numbers are written here, not imported."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from procurement import rules
from procurement.models import ThresholdSet


def row_errors(**overrides):
    values = dict(
        procurement_limit=D("1000000"),
        open_tender_threshold=D("2000000"),
        price_weight_min=D("10"),
        price_weight_max=D("30"),
        single_source_addition_pct=D("10"),
    )
    values.update(overrides)
    return rules.threshold_errors(**values)


def test_the_guangdong_defaults_are_within_the_law():
    assert row_errors() == {}


@pytest.mark.parametrize(
    ("weight", "allowed"),
    [
        (D("9"), False),
        (D("9.99"), False),
        (D("10"), True),
        (D("20"), True),
        (D("30"), True),
        (D("30.01"), False),
        (D("31"), False),
    ],
)
def test_service_price_weight_bounds_are_10_to_30_percent_order_87_article_55(weight, allowed):
    low = row_errors(price_weight_min=weight, price_weight_max=D("30"))
    high = row_errors(price_weight_min=D("10"), price_weight_max=weight)
    assert ("price_weight_min" not in low) is allowed
    assert ("price_weight_max" not in high) is allowed
    if not allowed:
        assert "第五十五条" in low["price_weight_min"]


def test_price_weight_min_above_max_is_refused():
    assert "price_weight_max" in row_errors(price_weight_min=D("25"), price_weight_max=D("20"))


@pytest.mark.parametrize(
    ("pct", "allowed"),
    [(D("0"), True), (D("5"), True), (D("10"), True), (D("10.01"), False), (D("50"), False)],
)
def test_single_source_addition_cap_is_at_most_10_percent_article_31(pct, allowed):
    found = row_errors(single_source_addition_pct=pct)
    assert ("single_source_addition_pct" not in found) is allowed
    if not allowed:
        assert "第三十一条" in found["single_source_addition_pct"]


@pytest.mark.parametrize(
    ("threshold", "allowed"), [(D("999999.99"), False), (D("1000000"), True), (D("1000000.01"), True)]
)
def test_open_tender_threshold_may_not_be_below_the_procurement_limit(threshold, allowed):
    assert ("open_tender_threshold" not in row_errors(open_tender_threshold=threshold)) is allowed


@pytest.mark.django_db
def test_the_model_refuses_a_price_weight_of_100_and_a_50_percent_cap():
    row = ThresholdSet(
        year=2030,
        procurement_limit=D("1000000"),
        open_tender_threshold=D("500000"),
        price_weight_min=D("0"),
        price_weight_max=D("100"),
        single_source_addition_pct=D("50"),
    )
    with pytest.raises(ValidationError) as caught:
        row.full_clean()
    assert set(caught.value.message_dict) == {
        "price_weight_min",
        "price_weight_max",
        "single_source_addition_pct",
        "open_tender_threshold",
    }


@pytest.mark.django_db
def test_the_admin_form_refuses_a_price_weight_of_31(admin_client):
    response = admin_client.post(
        "/admin/procurement/thresholdset/add/",
        {
            "year": "2031",
            "procurement_limit": "1000000",
            "open_tender_threshold": "2000000",
            "price_weight_min": "10",
            "price_weight_max": "31",
            "single_source_addition_pct": "10",
        },
    )
    assert response.status_code == 200
    assert "第五十五条" in response.content.decode()
    assert not ThresholdSet.objects.filter(year=2031).exists()
