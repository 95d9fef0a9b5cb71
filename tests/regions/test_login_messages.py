"""The login page's refusal speaks the page's language only (issue 14: no "中文 / English" pair, even on a wrong
password)."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_wrong_password_is_refused_in_chinese_only(actors):
    page = Client().post(
        "/accounts/login/", {"username": actors.township_a1.username, "password": "错的密码x"}
    )
    html = page.content.decode()
    assert page.status_code == 200 and "用户名或密码错误。" in html
    assert "Wrong username" not in html


def test_a_wrong_password_is_refused_in_english_on_the_english_page(actors):
    page = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        "/accounts/login/", {"username": actors.township_a1.username, "password": "wrong-password-1"}
    )
    html = page.content.decode()
    assert "Wrong username or password." in html and "用户名或密码错误" not in html
