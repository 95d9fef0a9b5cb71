"""The users list as an administrator uses it (issue 14): sorted by a header both ways, paged by the size chosen,
found by username or name, exported as the filtered view, only the administrator's area, and as many queries for
many accounts as for a few."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from regions.choices import Role
from tests.conftest import make_user
from tests.listing import assert_flat_query_count, column, sheet_rows

pytestmark = pytest.mark.django_db

User = get_user_model()
#: the county admin of A sees these four accounts (tests/conftest.py ACTORS), and not outsider_b (county B)
IN_AREA = ["county_admin_a", "county_staff_a", "township_a1", "township_a2"]


def _names(response) -> list[str]:
    return [u.username for u in response.context["page"]]


def test_the_users_list_sorts_by_username_and_by_last_login_both_ways(actors, web):
    client = web(actors.county_admin)
    url = reverse("accounts:index")
    assert _names(client.get(url, {"sort": "username"})) == IN_AREA
    assert _names(client.get(url, {"sort": "-username"})) == IN_AREA[::-1]
    base = timezone.make_aware(dt.datetime(2026, 11, 1, 9, 0))
    days = {"township_a2": 1, "county_admin_a": 2, "township_a1": 3, "county_staff_a": 4}
    for username, day in days.items():
        User.objects.filter(username=username).update(last_login=base + dt.timedelta(days=day))
    oldest_first = ["township_a2", "county_admin_a", "township_a1", "county_staff_a"]
    assert _names(client.get(url, {"sort": "last_login"})) == oldest_first
    response = client.get(url, {"sort": "-last_login"})
    assert _names(response) == oldest_first[::-1]
    html = response.content.decode()
    assert 'aria-sort="descending"' in html and "---------" not in html and "全部" in html


def test_the_users_list_sorts_by_name(actors, web):
    # 王芳 county_staff_a, 张伟 county_admin_a, 李娜 township_a1, 刘洋 township_a2: renamed to sort plainly
    for username, name in zip(IN_AREA, ["丁", "甲", "丙", "乙"], strict=True):
        User.objects.filter(username=username).update(first_name=name)
    client = web(actors.county_admin)
    up = [u.first_name for u in client.get(reverse("accounts:index"), {"sort": "name"}).context["page"]]
    assert up == sorted(["丁", "甲", "丙", "乙"])
    down = [u.first_name for u in client.get(reverse("accounts:index"), {"sort": "-name"}).context["page"]]
    assert down == sorted(["丁", "甲", "丙", "乙"], reverse=True)


def test_the_users_list_pages_by_the_size_chosen(actors, web):
    for n in range(21):
        make_user(f"w{n:02d}", Role.TOWNSHIP_STAFF, "440106001")
    client = web(actors.county_admin)
    page = client.get(reverse("accounts:index"), {"per_page": "20", "sort": "username"}).context["page"]
    assert len(page) == 20 and page.paginator.count == 25 and page.paginator.num_pages == 2
    second = client.get(reverse("accounts:index"), {"per_page": "20", "sort": "username", "page": "2"})
    assert _names(second) == ["w16", "w17", "w18", "w19", "w20"]
    assert client.get(reverse("accounts:index")).context["page"].paginator.per_page == 50


def test_a_user_is_found_by_username_or_name_within_the_area_only(actors, web):
    client = web(actors.county_admin)
    assert _names(client.get(reverse("accounts:index"), {"q": "staff_a"})) == ["county_staff_a"]
    assert _names(client.get(reverse("accounts:index"), {"q": "李娜"})) == ["township_a1"]
    assert _names(client.get(reverse("accounts:index"), {"q": "outsider"})) == []  # county B's admin


def test_the_users_export_is_the_filtered_view_read_back(actors, web):
    client = web(actors.county_admin)
    User.objects.filter(username="township_a2").update(is_active=False)
    rows = sheet_rows(client.get(reverse("accounts:index"), {"export": "xlsx", "sort": "-username"}))
    assert rows[0] == ("用户名", "姓名", "所在区域", "授权", "状态", "最近登录")
    assert column(rows, "用户名") == IN_AREA[::-1]
    assert column(rows, "状态") == ["停用", "启用", "启用", "启用"]
    assert column(rows, "授权")[0] == "员村街道·乡镇（街道）经办人员"
    only = sheet_rows(client.get(reverse("accounts:index"), {"export": "xlsx", "role": "county_staff"}))
    assert column(only, "用户名") == ["county_staff_a"]


def test_the_users_export_is_not_found_for_a_township_worker(actors, web):
    response = web(actors.township_a1).get(reverse("accounts:index"), {"export": "xlsx"})
    assert response.status_code == 404


def test_the_users_list_costs_no_more_queries_for_more_accounts(actors, web, django_assert_max_num_queries):
    client = web(actors.county_admin)
    made = iter(range(100))

    def add_rows():
        for _ in range(12):
            make_user(f"x{next(made)}", Role.TOWNSHIP_STAFF, "440106002")

    assert_flat_query_count(
        lambda: client.get(reverse("accounts:index"), {"sort": "region"}),
        add_rows,
        django_assert_max_num_queries,
    )
    assert_flat_query_count(
        lambda: client.get(reverse("accounts:index"), {"export": "xlsx"}),
        add_rows,
        django_assert_max_num_queries,
    )
