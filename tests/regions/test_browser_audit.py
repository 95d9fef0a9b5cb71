"""Issue 13 in Chromium: a security administrator enrols two-factor login (reading the secret from the page and
computing the code with the tests' own RFC 6238 implementation), grants a role, and the audit administrator sees
the logins, the enrolment and the grant in the audit page."""

from __future__ import annotations

import pytest

from regions.choices import Role
from regions.services import region_grant
from tests.conftest import make_user
from tests.factories.totp import key_from_secret, totp

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_security_admin_enrols_and_the_audit_admin_sees_it(actors, live_server, page, login):
    security = make_user("security_a", Role.SECURITY_ADMIN, "440106")
    make_user("auditor_a", Role.AUDIT_ADMIN, "440106")

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "security_a")
    page.fill("#id_password", "Test-pass-2026")
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/2fa/enrol/**")
    page.click("text=开始绑定")
    secret = page.locator("#otp-secret").inner_text()
    assert page.locator("img[alt='绑定二维码']").count() == 1
    page.fill("#id_token", totp(key_from_secret(secret)))
    page.click("text=确认绑定")
    codes = page.locator("#recovery-codes li").all_inner_texts()
    assert len(codes) == 10
    page.screenshot(path="test-results/twofactor-codes.png", full_page=True)
    page.click("text=我已保存，继续")
    page.wait_for_url(f"{live_server.url}/")
    # the grant a security administrator makes (its own pages are part A's: here through the service it calls)
    region_grant(actor=security, user=actors.no_grant, region_code="440106001", role=Role.TOWNSHIP_STAFF)
    page.context.clear_cookies()

    audit_page = login("auditor_a")
    audit_page.goto(f"{live_server.url}/regions/audit/")
    table = audit_page.locator("#audit-records").inner_text()
    assert "security_a" in table
    for event in ("登录", "启用双因素认证", "授予角色"):
        assert event in table, event
    assert "链" in audit_page.locator("#chain-status").inner_text()
    audit_page.click("text=立即校验")
    assert "链完好" in audit_page.locator("#chain-status").inner_text()
    audit_page.select_option("#id_action", "grant_add")
    audit_page.click("button:has-text('筛选')")
    rows = audit_page.locator("#audit-records tbody tr").all_inner_texts()
    assert any("440106001" in r and "township_staff" in r for r in rows), rows
    audit_page.screenshot(path="test-results/audit-page.png", full_page=True)
