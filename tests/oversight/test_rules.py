"""Pure rules of the overview, with values worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from oversight import rules


@pytest.mark.parametrize(
    ("period", "first", "last"),
    [
        ("2026-02", dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
        ("2028-02", dt.date(2028, 2, 1), dt.date(2028, 2, 29)),  # leap year
        ("2026-12", dt.date(2026, 12, 1), dt.date(2026, 12, 31)),
    ],
)
def test_month_bounds(period, first, last):
    assert rules.month_bounds(period) == (first, last)


@pytest.mark.parametrize("period", ["2026-00", "2026-13", "26-01", "2026-1", "", "2026/01"])
def test_a_malformed_period_is_an_error(period):
    assert rules.period_error(period)


def test_the_month_before_january_is_last_december():
    assert rules.previous_period("2026-01") == "2025-12"
    assert rules.previous_period("2026-10") == "2026-09"


@pytest.mark.parametrize(
    ("values", "expected"), [([], None), ([7], 7.0), ([5, 1, 3], 3.0), ([4, 1, 2, 9], 3.0), ([2, 2], 2.0)]
)
def test_median(values, expected):
    assert rules.median(values) == expected


def test_a_code_counts_towards_its_province_city_county_and_township():
    assert rules.prefixes("440106001002") == ["44", "4401", "440106", "440106001"]
    assert rules.prefixes("440106") == ["44", "4401", "440106"]


class TestColour:
    def test_at_the_red_threshold_it_is_red(self):
        assert rules.colour(5, amber=1, red=5, higher_is_worse=True) == "red"

    def test_just_below_red_it_is_amber(self):
        assert rules.colour(4, amber=1, red=5, higher_is_worse=True) == "amber"

    def test_below_amber_it_is_green(self):
        assert rules.colour(0, amber=1, red=5, higher_is_worse=True) == "green"

    def test_a_share_lower_is_worse(self):
        assert rules.colour(0.7, amber=0.9, red=0.7, higher_is_worse=False) == "red"
        assert rules.colour(0.71, amber=0.9, red=0.7, higher_is_worse=False) == "amber"
        assert rules.colour(0.95, amber=0.9, red=0.7, higher_is_worse=False) == "green"

    def test_no_value_no_colour(self):
        assert rules.colour(None, amber=1, red=5, higher_is_worse=True) == ""


def test_no_data_areas_and_their_grey():
    empty = {"staffing": {"no_data_regions": 0}, "windows": {"received": 0, "overdue_now": 0}, "training": {}}
    assert rules.no_data_areas(empty) == {"windows", "training"}
    busy = {"staffing": {"no_data_regions": 3}, "windows": {"received": 2}, "training": {"workers": 5}}
    assert rules.no_data_areas(busy) == {"staffing"}
    assert rules.no_data_colour("windows", "overdue_now", "green", empty) == "none"
    assert rules.no_data_colour("windows", "overdue_now", "red", empty) == "red"  # a real alarm stays
    assert rules.no_data_colour("windows", "overdue_now", "green", busy) == "green"
    assert rules.no_data_colour("staffing", "no_data_regions", "", busy) == "none"
