"""Two-factor login (issue 13; 等保2.0 三级 GB/T 22239-2019 8.1.4.1 d): TOTP codes computed in the test by an
independent RFC 6238 implementation (tests/factories/totp.py), itself checked against the RFCs' published vectors."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp import models as totp_models
from django_otp.plugins.otp_totp.models import TOTPDevice

from regions.audit_models import AuditRecord
from regions.choices import AuditAction, Role
from tests.conftest import make_user
from tests.factories.totp import hotp, key_from_secret, totp

pytestmark = pytest.mark.django_db

PASSWORD = "Test-pass-2026"
RFC_KEY = b"12345678901234567890"


# --- the algorithm, against the RFCs ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("counter", "code"),
    list(
        enumerate(
            [
                "755224",
                "287082",
                "359152",
                "969429",
                "338314",
                "254676",
                "287922",
                "162583",
                "399871",
                "520489",
            ]
        )
    ),
)
def test_the_tests_hotp_gives_rfc_4226_appendix_d_values(counter, code):
    assert hotp(RFC_KEY, counter) == code


RFC_6238_SHA1 = [  # RFC 6238 appendix B, SHA1 column (8 digits)
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]


@pytest.mark.parametrize(("at", "code"), RFC_6238_SHA1)
def test_the_tests_totp_gives_rfc_6238_appendix_b_values(at, code):
    assert totp(RFC_KEY, at, digits=8) == code


@pytest.mark.parametrize(("at", "code"), RFC_6238_SHA1)
def test_the_products_totp_device_accepts_the_rfc_6238_values_and_rejects_the_next_steps(
    at, code, actors, monkeypatch
):
    monkeypatch.setattr(totp_models, "time", SimpleNamespace(time=lambda: at))
    device = TOTPDevice.objects.create(user=actors.no_grant, key=RFC_KEY.hex(), digits=8, tolerance=0)
    assert device.verify_token(code)
    assert not device.verify_token(code)  # a code is good once
    assert not TOTPDevice.objects.get(pk=device.pk).verify_token(totp(RFC_KEY, at + 60, digits=8))


# --- login ----------------------------------------------------------------------------------------------------------


def _login(client: Client, username: str) -> str:
    """Log in with the password; where the first page after it sends the user."""
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    follow = client.get(response.url)
    return follow.url if follow.status_code == 302 else response.url


def _enrol(client: Client) -> tuple[bytes, list[str]]:
    client.post(reverse("twofactor-enrol"), {"start": "1"})
    page = client.get(reverse("twofactor-enrol")).content.decode()
    secret = re.search(r'id="otp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert "data:image/svg+xml" in page  # the QR code
    key = key_from_secret(secret)
    response = client.post(reverse("twofactor-enrol"), {"token": totp(key)})
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    return key, codes


def test_a_county_admin_without_a_device_must_enrol_before_anything_else(actors):
    client = Client()
    assert _login(client, "county_admin_a").startswith(reverse("twofactor-enrol"))
    assert client.get("/staffing/").status_code == 302
    api = client.get("/api/v1/regions/")
    assert (api.status_code, api.json()["code"]) == (403, "otp_required")
    key, codes = _enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/staffing/").status_code == 200
    assert client.get(reverse("twofactor-enrol")).status_code == 200  # no codes shown again
    assert AuditRecord.objects.filter(action=AuditAction.OTP_ENROL, actor=actors.county_admin).count() == 1


def test_an_enrolled_admin_gives_the_code_after_the_password_and_a_code_is_good_once(actors):
    client = Client()
    _login(client, "county_admin_a")
    key, _codes = _enrol(client)
    client.post(reverse("logout"))
    again = Client()
    assert _login(again, "county_admin_a").startswith(reverse("twofactor-verify"))
    wrong = again.post(
        reverse("twofactor-verify"), {"token": "000000" if totp(key) != "000000" else "111111"}
    )
    assert wrong.status_code == 200 and again.get("/staffing/").status_code == 302
    assert AuditRecord.objects.filter(action=AuditAction.OTP_FAILED).count() == 1
    # the code the enrolment used is spent (django-otp keeps the last accepted time step); a wrong code makes the
    # next attempt wait (its throttling), which the test clears instead of sleeping
    device = TOTPDevice.objects.get(user=actors.county_admin)
    throttle_cleared = {"throttling_failure_count": 0, "throttling_failure_timestamp": None}
    TOTPDevice.objects.filter(pk=device.pk).update(**throttle_cleared)
    assert again.post(reverse("twofactor-verify"), {"token": hotp(key, device.last_t)}).status_code == 200
    TOTPDevice.objects.filter(pk=device.pk).update(**throttle_cleared)
    assert again.post(reverse("twofactor-verify"), {"token": hotp(key, device.last_t + 1)}).status_code == 302
    assert again.get("/staffing/").status_code == 200
    assert AuditRecord.objects.filter(action=AuditAction.OTP_VERIFY, actor=actors.county_admin).exists()


def test_a_recovery_code_logs_in_once(actors):
    client = Client()
    _login(client, "county_admin_a")
    _key, codes = _enrol(client)
    client.post(reverse("logout"))
    second = Client()
    _login(second, "county_admin_a")
    assert second.post(reverse("twofactor-verify"), {"token": codes[0].upper()}).status_code == 302
    third = Client()
    _login(third, "county_admin_a")
    assert third.post(reverse("twofactor-verify"), {"token": codes[0]}).status_code == 200
    assert StaticToken.objects.filter(device__user=actors.county_admin).count() == 9


def test_township_staff_log_in_without_a_second_factor_unless_their_region_requires_it(actors, settings):
    client = Client()
    assert _login(client, "township_a1") == "/"
    settings.TWO_FACTOR_REQUIRED_REGIONS = ["440106001"]
    other = Client()
    assert _login(other, "township_a1").startswith(reverse("twofactor-enrol"))
    assert _login(Client(), "township_a2") == "/"


def test_an_optional_user_who_enrolled_is_asked_for_the_code(actors):
    client = Client()
    _login(client, "township_a1")
    _enrol(client)
    assert _login(Client(), "township_a1").startswith(reverse("twofactor-verify"))


@pytest.mark.parametrize("role", [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN])
def test_each_separated_administrator_must_enrol(role, actors):
    make_user(f"admin_{role.value}", role, "440106")
    assert _login(Client(), f"admin_{role.value}").startswith(reverse("twofactor-enrol"))


def test_the_superuser_must_use_a_second_factor_for_the_admin_site_too(actors):
    client = Client()
    _login(client, "root")
    assert client.get("/admin/").url.startswith(reverse("twofactor-enrol"))


# --- reset by a security administrator --------------------------------------------------------------------------


def test_a_security_administrator_resets_an_accounts_second_factor_and_it_is_audited(actors, web):
    TOTPDevice.objects.create(user=actors.county_admin, confirmed=True)
    security = make_user("security_a", Role.SECURITY_ADMIN, "440106")
    page = web(security).get(reverse("accounts:user_detail", args=[actors.county_admin.pk])).content.decode()
    assert reverse("accounts:otp_reset", args=[actors.county_admin.pk]) in page and "data-otp-reset" in page
    response = web(security).post(reverse("accounts:otp_reset", args=[actors.county_admin.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=actors.county_admin).exists()
    row = AuditRecord.objects.get(action=AuditAction.OTP_RESET)
    assert (row.actor, row.region_code) == (security, "440106")
    assert _login(Client(), "county_admin_a").startswith(reverse("twofactor-enrol"))


def test_a_security_administrator_of_another_county_cannot_reset(actors, web):
    TOTPDevice.objects.create(user=actors.county_admin, confirmed=True)
    security_b = make_user("security_b", Role.SECURITY_ADMIN, "440303")
    url = reverse("accounts:otp_reset", args=[actors.county_admin.pk])
    assert web(security_b).post(url).status_code == 404
    assert TOTPDevice.objects.filter(user=actors.county_admin).exists()


def test_a_county_admin_cannot_reset_anyones_second_factor(actors, web):
    TOTPDevice.objects.create(user=actors.township_a1, confirmed=True)
    page = web(actors.county_admin).get(reverse("accounts:user_detail", args=[actors.township_a1.pk]))
    assert "data-otp-reset" not in page.content.decode()  # no button for an administrator who may not reset
    response = web(actors.county_admin).post(reverse("accounts:otp_reset", args=[actors.township_a1.pk]))
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=actors.township_a1).exists()
    assert not AuditRecord.objects.filter(action=AuditAction.OTP_RESET).exists()


def test_the_reset_is_a_post_from_the_users_page_only(actors, web):
    TOTPDevice.objects.create(user=actors.county_admin, confirmed=True)
    security = make_user("security_a", Role.SECURITY_ADMIN, "440106")
    url = reverse("accounts:otp_reset", args=[actors.county_admin.pk])
    assert web(security).get(url).status_code == 405
    assert TOTPDevice.objects.filter(user=actors.county_admin).exists()
    # the old username form is gone from the two-factor settings page: one way to reset
    settings_page = web(security).get(reverse("twofactor-settings")).content.decode()
    assert 'name="username"' not in settings_page


def test_no_reset_button_for_an_account_without_a_second_factor(actors, web):
    security = make_user("security_a", Role.SECURITY_ADMIN, "440106")
    page = web(security).get(reverse("accounts:user_detail", args=[actors.county_admin.pk])).content.decode()
    assert "未绑定" in page and "data-otp-reset" not in page
