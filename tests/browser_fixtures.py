"""Browser-test fixtures for every app (loaded from tests/conftest.py): pytest-playwright driving Debian's Chromium
(/usr/bin/chromium), never a downloaded browser. Browser tests are marked `browser` and run with `make test-browser`."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def pytest_configure(config):
    # Playwright's sync API runs an event loop in the test thread; Django's ORM calls from fixtures are still
    # sync. Only for a browser run, so the rest of the suite keeps Django's async-safety checks.
    if "browser" in (config.option.markexpr or "") and "not browser" not in config.option.markexpr:
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Staff browsers in Guangdong send zh-CN; the UI answers in Chinese.
    return {**browser_context_args, "locale": "zh-CN"}


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


#: the authenticator key the login fixture gives an account that must use two-factor login (RFC 6238 appendix B's)
TOTP_KEY = b"12345678901234567890"


def prepare_second_factor(username: str) -> bool:
    """Before the password is sent: an account that must log in with a second factor (regions.twofactor) and has
    no authenticator yet is given one with TOTP_KEY. Whether the login will ask for a code."""
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from regions import twofactor

    user = get_user_model().objects.get(username=username)
    if not (twofactor.is_required(user) or twofactor.is_enrolled(user)):
        return False
    if not twofactor.is_enrolled(user):
        TOTPDevice.objects.create(user=user, key=TOTP_KEY.hex(), confirmed=True, name="test")
    # a second login in the same 30 seconds (another page of one test) reuses the time step: the fixture's device
    # forgets the last accepted step, the product's replay refusal is tested in tests/regions/test_twofactor.py
    TOTPDevice.objects.filter(user=user, key=TOTP_KEY.hex()).update(last_t=-1)
    return True


def pass_second_factor(page) -> None:
    """After the password: the code, as the tests' own RFC 6238 implementation computes it for TOTP_KEY."""
    from tests.factories.totp import totp

    page.wait_for_url("**/accounts/2fa/verify/**")
    page.fill("#id_token", totp(TOTP_KEY))
    page.click("button[type=submit].primary")


@pytest.fixture
def login(live_server, page):
    """login(username, password) in the browser, the second factor included (prepare_second_factor,
    pass_second_factor); returns the page on the home screen."""

    def do(username: str, password: str = "Test-pass-2026"):
        needs_code = prepare_second_factor(username)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        if needs_code:
            pass_second_factor(page)
        page.wait_for_url(f"{live_server.url}/")
        return page

    return do
