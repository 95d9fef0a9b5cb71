from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_requires_login():
    response = Client().get("/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_login_page_is_in_chinese():
    content = Client().get(reverse("login")).content.decode()
    assert "登录" in content and "用户名" in content and "密码" in content


def test_home_shows_the_users_regions_and_roles(actors, web):
    content = web(actors.township_a1).get("/").content.decode()
    assert "五山街道" in content
    assert "乡镇（街道）经办人员" in content


def test_login_and_logout(actors):
    c = Client()
    response = c.post(reverse("login"), {"username": "township_a1", "password": "Test-pass-2026"})
    assert response.status_code == 302
    assert "五山街道" in c.get("/").content.decode()  # a county admin would first give its second factor
    c.post(reverse("logout"))
    assert c.get("/").status_code == 302


def test_repeated_wrong_passwords_lock_the_account(actors, settings):
    c = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        c.post(reverse("login"), {"username": "county_admin_a", "password": "wrong"})
    response = c.post(reverse("login"), {"username": "county_admin_a", "password": "Test-pass-2026"})
    assert response.status_code in (403, 429)
    assert "锁定" in response.content.decode()


def test_session_expires_after_inactivity(settings):
    assert settings.SESSION_COOKIE_AGE <= 60 * 60 and settings.SESSION_SAVE_EVERY_REQUEST


def test_pages_are_chinese_by_default_and_english_on_request(actors, web):
    c = web(actors.county_admin)
    assert "我的管辖区域" in c.get("/").content.decode()
    english = c.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "My regions" in english and "County admin" in english


def test_region_page_in_scope_lists_children(actors, web):
    content = web(actors.county_admin).get(reverse("regions:detail", args=["440106"])).content.decode()
    assert "五山街道" in content and "员村街道" in content


def test_region_page_out_of_scope_is_404_like_a_missing_one(actors, web):
    c = web(actors.township_a1)
    assert c.get(reverse("regions:detail", args=["440106002"])).status_code == 404
    assert c.get(reverse("regions:detail", args=["440303"])).status_code == 404
    assert c.get(reverse("regions:detail", args=["999999"])).status_code == 404


def test_region_page_costs_the_same_for_many_children(actors, web, django_assert_max_num_queries):
    from tests.factories import RegionFactory

    for i in range(3, 40):
        RegionFactory(code=f"440106{i:03d}", name=f"街道{i}")
    c = web(actors.county_admin)
    # session, user, grants, region, path, children, unread count; session renewal (savepoint, update, release)
    with django_assert_max_num_queries(10):
        c.get(reverse("regions:detail", args=["440106"]))
