"""Login lockout (issue 12 item 17): per username+address, per address across usernames, per username across
addresses; and the minimum password length."""

from __future__ import annotations

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "Test-pass-2026"  # tests/conftest.py gives every actor this password


def _fail(username: str, ip: str) -> None:
    Client(REMOTE_ADDR=ip).post(reverse("login"), {"username": username, "password": "wrong"})


def _login(username: str, ip: str):
    return Client(REMOTE_ADDR=ip).post(reverse("login"), {"username": username, "password": PASSWORD})


def test_one_address_spraying_19_usernames_is_not_yet_locked(actors):
    for i in range(19):
        _fail(f"nobody{i}", "203.0.113.7")
    assert _login("county_admin_a", "203.0.113.7").status_code == 302


def test_one_address_spraying_20_usernames_is_locked_even_for_a_right_password(actors):
    for i in range(20):
        _fail(f"nobody{i}", "203.0.113.7")
    response = _login("county_admin_a", "203.0.113.7")
    assert response.status_code in (403, 429)
    assert "锁定" in response.content.decode()
    assert _login("county_admin_a", "198.51.100.1").status_code == 302  # another address is not affected


def test_one_username_guessed_from_9_addresses_is_not_yet_locked(actors):
    for i in range(9):
        _fail("county_admin_a", f"198.51.100.{i + 10}")
    assert _login("county_admin_a", "192.0.2.99").status_code == 302


def test_one_username_guessed_from_10_addresses_is_locked_from_every_address(actors):
    for i in range(10):
        _fail("county_admin_a", f"198.51.100.{i + 10}")
    assert _login("county_admin_a", "192.0.2.99").status_code in (403, 429)


def test_five_failures_of_one_username_from_one_address_still_lock(actors):
    for _ in range(5):
        _fail("county_admin_a", "192.0.2.5")
    assert _login("county_admin_a", "192.0.2.5").status_code in (403, 429)


@pytest.mark.parametrize(("password", "ok"), [("Qz7#vLp2@Wm", False), ("Qz7#vLp2@Wmx", True)])
def test_passwords_need_at_least_12_characters(password, ok):
    if ok:
        validate_password(password)
    else:
        with pytest.raises(ValidationError, match="12"):
            validate_password(password)
