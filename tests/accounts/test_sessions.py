"""Password policy and sessions: history, classes, forced change after a reset and after the rotation period,
absolute lifetime, concurrent sessions, log out all, the last login shown after login."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Account, PasswordHistory, UserSession
from accounts.sessions import STARTED_AT

User = get_user_model()
PASSWORD = "Test-pass-2026"


def _login(username: str, password: str = PASSWORD, ip: str = "10.0.0.1") -> Client:
    client = Client(REMOTE_ADDR=ip)
    response = client.post(reverse("login"), {"username": username, "password": password})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


@pytest.mark.parametrize(
    ("password", "ok"),
    [
        ("abcdefgh123", False),  # 11 characters
        ("abcdefghijk1", False),  # 12 characters, two classes
        ("abcdefghiJK1", True),  # 12 characters, three classes
        ("abcdefghiJK!", True),
    ],
)
def test_a_password_needs_twelve_characters_of_three_classes(settings, password, ok):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if ok:
        validate_password(password)
    else:
        with pytest.raises(ValidationError):
            validate_password(password)


def test_none_of_the_last_five_passwords_is_reused(actors):
    user = actors.township_a1
    passwords = [f"Wushan-{n}-pass-2026" for n in range(6)]
    for p in passwords:
        validate_password(p, user)
        user.set_password(p)
        user.save()
    assert PasswordHistory.objects.filter(user=user).count() == 5
    for recent in passwords[1:]:
        with pytest.raises(ValidationError):
            validate_password(recent, user)
    validate_password(passwords[0], user)  # the sixth back may come again


def test_after_a_reset_the_user_must_change_the_password_before_anything_else(actors):
    password = services.password_reset(actor=actors.county_admin, user=actors.township_a1)
    client = _login("township_a1", password)
    response = client.get(reverse("windows:queue"))
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("accounts:password_change")
    )
    assert client.get("/api/v1/windows/cases/").status_code == 403
    new = "Wushan-new-pass-2026"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert not Account.objects.get(user=actors.township_a1).must_change_password
    assert client.get(reverse("windows:queue")).status_code == 200


def test_the_new_password_cannot_be_the_temporary_one(actors):
    password = services.password_reset(actor=actors.county_admin, user=actors.township_a1)
    client = _login("township_a1", password)
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": password, "new_password1": password, "new_password2": password},
    )
    assert response.status_code == 200 and "最近" in response.content.decode()


def test_a_password_older_than_the_rotation_period_must_be_changed(actors, settings):
    Account.objects.create(
        user=actors.township_a1, password_changed_at=timezone.now() - dt.timedelta(days=90)
    )
    client = _login("township_a1")
    assert client.get(reverse("home")).status_code == 302
    settings.PASSWORD_MAX_AGE_DAYS = 0  # rotation off
    assert _login("township_a1").get(reverse("home")).status_code == 200


def test_a_session_ends_at_its_absolute_lifetime_whatever_the_activity(actors, settings):
    client = _login("township_a1")
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session[STARTED_AT] = time.time() - settings.SESSION_ABSOLUTE_AGE - 1
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert client.get(reverse("home")).status_code == 302  # signed out


def test_sessions_beyond_the_limit_end_the_oldest(actors, settings):
    settings.SESSION_MAX_PER_USER = 2
    first, second, third = (_login("township_a1", ip=f"10.0.0.{n}") for n in (1, 2, 3))
    assert first.get(reverse("home")).status_code == 302  # ended
    assert second.get(reverse("home")).status_code == 200
    assert third.get(reverse("home")).status_code == 200
    assert UserSession.objects.filter(user=actors.township_a1, ended_at__isnull=True).count() == 2


def test_log_out_all_my_sessions(actors):
    one, two = _login("township_a1"), _login("township_a1")
    assert one.post(reverse("accounts:logout_everywhere")).status_code == 302
    assert one.get(reverse("home")).status_code == 302
    assert two.get(reverse("home")).status_code == 302
    assert not UserSession.objects.filter(user=actors.township_a1, ended_at__isnull=True).exists()


def test_the_last_login_time_and_address_are_shown_after_login(actors):
    Account.objects.create(user=actors.township_a1)
    _login("township_a1", ip="10.1.2.3")
    client = _login("township_a1", ip="10.9.9.9")
    page = client.get(reverse("home")).content.decode()
    assert "上次登录" in page and "10.1.2.3" in page
    assert Account.objects.get(user=actors.township_a1).last_login_ip == "10.9.9.9"
    assert "10.9.9.9" in client.get(reverse("accounts:me")).content.decode()


def test_an_unknown_login_address_reads_as_weizhi_not_the_raw_word(actors):
    """The request layer stores "unknown" when the client's address is missing: the page says 未知."""
    Account.objects.create(
        user=actors.township_a1, last_login_at=timezone.now() - dt.timedelta(days=1), last_login_ip="unknown"
    )
    client = Client()
    client.force_login(
        actors.township_a1
    )  # a login request without REMOTE_ADDR: the session's address is unknown
    assert UserSession.objects.get(user=actors.township_a1).ip == "unknown"
    page = client.get(reverse("accounts:me")).content.decode()
    assert page.count("未知") >= 2  # the last login's address and the session's
    assert "unknown" not in page
