"""The history of the reference tables is shown on their pages (issue 13: the tables a county runs on are edited in
the product with history): time limits, holidays and the service catalogue show who changed what and when, the
province-wide rows' history to everyone and a county's own rows' only to those who see that county."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from procurement import services as procurement_services
from regions.models import Region
from windows import services

pytestmark = pytest.mark.django_db


def _history(page) -> str:
    html = page.content.decode()
    return html[html.index('id="history"') :]


def test_a_county_time_limit_change_is_in_the_history_of_its_county_only(regions, actors, web):
    services.deadline_rule_save(
        actor=actors.county_admin,
        category="dibao",
        step="accept",
        working_days=4,
        source="天河区规定（历史测试）",
        region_code="440106",
    )
    own = _history(web(actors.county_admin).get(reverse("windows:time_limits")))
    assert "天河区规定（历史测试）" in own and actors.county_admin.first_name in own
    other = _history(web(actors.outsider).get(reverse("windows:time_limits")))
    assert "天河区规定（历史测试）" not in other


def test_a_national_holiday_change_is_in_everyones_history_a_county_day_only_in_its_own(regions, actors, web):
    services.holiday_save(
        actor=actors.superuser,
        holiday=None,
        date=dt.date(2031, 10, 1),
        is_working_day=False,
        name="国庆测试日",
    )
    services.holiday_save(
        actor=actors.county_admin,
        holiday=None,
        date=dt.date(2031, 3, 3),
        is_working_day=False,
        name="天河区测试节",
        region_code="440106",
    )
    own = _history(web(actors.county_admin).get(reverse("windows:holidays")))
    assert "国庆测试日" in own and "天河区测试节" in own
    other = _history(web(actors.outsider).get(reverse("windows:holidays")))
    assert "国庆测试日" in other and "天河区测试节" not in other


def test_a_local_catalogue_item_is_in_the_catalogue_pages_history(regions, actors, web):
    procurement_services.catalogue_item_create(
        actor=actors.county_admin,
        region=Region.objects.get(code="440106"),
        code="LOCAL-440106-HIST",
        name="天河区测试服务",
        work_kind="service",
        assistance="all",
    )
    own = _history(web(actors.county_admin).get(reverse("procurement:catalogue")))
    assert "天河区测试服务" in own and "新建" in own
    assert "天河区测试服务" not in _history(web(actors.outsider).get(reverse("procurement:catalogue")))


def test_the_history_costs_the_same_for_many_changes(regions, actors, web, django_assert_max_num_queries):
    client = web(actors.county_admin)
    client.get(reverse("windows:time_limits"))
    for days in range(1, 25):
        services.deadline_rule_save(
            actor=actors.county_admin,
            category="dibao",
            step="accept",
            working_days=days % 5 + 1,
            source=f"第{days}次",
            region_code="440106",
        )
    with django_assert_max_num_queries(25):
        assert client.get(reverse("windows:time_limits")).status_code == 200
