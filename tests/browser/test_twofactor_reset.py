"""Issue 13 in Chromium: a security administrator resets a county admin's lost second factor from that account's
page (a POST after a confirmation), and the account's page then says it has none."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from regions.audit_models import AuditRecord
from regions.choices import Role
from tests.conftest import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_security_administrator_resets_a_users_second_factor_from_the_users_page(actors, login, page):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    TOTPDevice.objects.create(user=actors.county_admin, confirmed=True, name="lost phone")
    make_user("security_a", Role.SECURITY_ADMIN, "440106", first_name="安全员甲")
    login("security_a")
    page.click("nav.areas >> text=账号与权限")
    page.click("a:has-text('county_admin_a')")
    assert "已绑定" in page.content()
    asked: list[str] = []

    def accept(dialog):
        asked.append(dialog.message)
        dialog.accept()

    page.on("dialog", accept)
    page.click("button[data-otp-reset]")
    page.wait_for_selector("text=已重置双因素认证")
    assert asked and "重置该账号的双因素认证" in asked[0]
    assert "未绑定" in page.content()
    assert not TOTPDevice.objects.filter(user=actors.county_admin).exists()
    assert AuditRecord.objects.filter(action="otp_reset", username="security_a").exists()
    assert errors == []
