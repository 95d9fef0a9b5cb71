"""Supervision rules without a database (粤民发〔2018〕170号 一(七) 上级…业务指导和监督)."""

from __future__ import annotations

import datetime as dt

from supervision import rules

D = dt.date


def test_a_city_or_the_province_is_the_upper_level_of_a_county():
    assert rules.issuer_error(issuer_codes=["4401"], target_code="440106001") is None
    assert rules.issuer_error(issuer_codes=["44"], target_code="440106") is None


def test_a_county_or_another_city_is_not_an_upper_level():
    assert rules.issuer_error(issuer_codes=["440106"], target_code="440106001") is not None
    assert rules.issuer_error(issuer_codes=["4403"], target_code="440106") is not None


def test_only_a_countys_object_is_supervised():
    assert rules.target_region_error("440106") is None and rules.target_region_error("440106001001") is None
    assert rules.target_region_error("4401") is not None


def test_a_deadline_may_be_today_but_not_yesterday():
    assert rules.deadline_error(deadline=D(2026, 5, 1), today=D(2026, 5, 1)) is None
    assert rules.deadline_error(deadline=D(2026, 4, 30), today=D(2026, 5, 1)) is not None


def test_overdue_from_the_day_after_the_deadline_while_unanswered():
    assert not rules.is_overdue(status="open", deadline=D(2026, 5, 1), today=D(2026, 5, 1))
    assert rules.is_overdue(status="open", deadline=D(2026, 5, 1), today=D(2026, 5, 2))
    assert not rules.is_overdue(status="answered", deadline=D(2026, 5, 1), today=D(2026, 5, 9))
