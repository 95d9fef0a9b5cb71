"""Issue 13 done-when, as a county admin would do it in Chromium: create a township account and grant it; that
user logs in, must change the temporary password first, and then works."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEW_PASSWORD = "Wushan-Jie-2026!"


def test_a_county_admin_creates_and_grants_a_township_account_whose_user_changes_the_password_and_works(
    actors, login, live_server, page
):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    login("county_admin_a")
    page.click("nav.areas >> text=账号与权限")
    page.click("text=新建账号")
    page.fill("#id_username", "wushan_li")
    page.fill("#id_full_name", "李明")
    page.fill("#id_phone", "13800138000")
    page.select_option("#id_region", "440106001")
    page.select_option("#id_role", "township_staff")
    page.click("button:has-text('创建')")
    password = page.locator("[data-temporary-password]").inner_text().strip()
    assert len(password) == 16
    # a second grant: village coordinator of 华工社区
    page.select_option("#id_region", "440106001001")
    page.select_option("#id_role", "village_coordinator")
    page.click("#grants button:has-text('授权')")
    grants = page.locator("#grants table").inner_text()
    assert "五山街道" in grants and "村（社区）协理员" in grants
    assert "村（社区）协理员" in page.locator("#history").inner_text()
    page.click("header >> button:has-text('退出')")

    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "wushan_li")
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/accounts/password/**")
    assert "管理员已为您设置临时密码" in page.content()
    page.goto(f"{live_server.url}/windows/queue/")  # anything else sends the user back
    page.wait_for_url("**/accounts/password/**")
    page.fill("#id_old_password", password)
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    page.click("button:has-text('修改密码')")
    page.wait_for_url("**/windows/queue/")
    assert page.locator("h1").count() >= 1
    assert "五山街道·乡镇（街道）经办人员" in page.locator("header .scope").inner_text()
    assert errors == []
