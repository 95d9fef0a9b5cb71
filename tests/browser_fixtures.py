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


@pytest.fixture
def login(live_server, page):
    """login(username, password) in the browser; returns the page on the home screen."""

    def do(username: str, password: str = "Test-pass-2026"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")
        return page

    return do
