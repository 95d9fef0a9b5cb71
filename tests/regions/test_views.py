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
    response = c.post(reverse("login"), {"username": "county_admin_a", "password": "Test-pass-2026"})
    assert response.status_code == 302
    assert "天河区" in c.get("/").content.decode()
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
