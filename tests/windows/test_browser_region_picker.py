"""Browser: places are picked by name with the keyboard (issue 14), at a laptop and a phone width — a village at the
intake screen, a township in a transfer — and a refused case step keeps what was typed."""

from __future__ import annotations

import re

import pytest

from tests.factories.windows import make_case
from windows.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOD_ID = "440106198001011230"  # check character by hand in tests/windows/test_browser_intake.py
VIEWPORTS = [{"width": 1366, "height": 768}, {"width": 390, "height": 844}]


def _pick(page, field_id: str, text: str, expected_name: str) -> None:
    """Type a name into the picker, wait for the list, take the first match with Enter."""
    page.focus(f"#{field_id}")
    page.keyboard.type(text)
    page.wait_for_selector(f"#{field_id}-options [role=option]:has-text('{expected_name}')")
    page.keyboard.press("Enter")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_intake_picks_the_household_village_by_typing_its_name(
    windows, actors, login, live_server, page, viewport
):
    page.set_viewport_size(viewport)
    page = login("township_a1")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/windows/intake/")
    page.keyboard.type("张三")
    page.fill("#id_number", GOOD_ID)
    page.fill("#id_phone", "13812345678")
    _pick(page, "id_household_region", "华工", "五山街道华工社区")
    assert page.input_value("input[type=hidden][name=household_region]") == "440106001001"
    assert "广州市 天河区 五山街道" in page.inner_text(".region-picker .region-current")
    # the cascade follows the pick: 市 / 县 / 镇 / 村 chosen down to the village
    page.locator(".region-cascade select").nth(3).wait_for()
    assert page.eval_on_selector_all(".region-cascade select", "els => els.map(e => e.value)") == [
        "4401",
        "440106",
        "440106001",
        "440106001001",
    ]
    page.select_option("select[name=category]", "dibao")
    page.fill("textarea[name=description]", "家庭收入低于当地低保标准，申请最低生活保障。")
    page.click("button.primary[type=submit]")
    page.wait_for_url(re.compile(r"/windows/cases/.+/$"))
    assert Case.objects.get().household_region.code == "440106001001"
    assert errors == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_transfer_picks_the_township_by_name_after_a_refusal_kept_the_reason(
    windows, actors, login, live_server, page, viewport
):
    page.set_viewport_size(viewport)
    case = make_case(actors.township_a1, windows.a1, accept=True)
    page = login("township_a1")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/windows/cases/{case.number}/")
    page.click("summary:has-text('转办')")
    page.select_option("select[name=transfer-kind]", "region")
    reason = "申请人户籍在员村街道，转户籍地办理。"
    page.fill("textarea[name=transfer-reason]", reason)
    page.click("details[open] form button.primary:has-text('转办')")  # no receiving region yet: refused
    page.wait_for_selector("details[open] .error")
    assert page.input_value("textarea[name=transfer-reason]") == reason  # the typed text is still there
    assert page.is_visible("textarea[name=transfer-reason]")  # in an open panel
    opened = ".step-panels details[open] > summary"
    # the panel submitted is the one open, not the first step's as well
    assert page.eval_on_selector_all(opened, "els => els.map(e => e.textContent.trim())") == ["转办"]
    _pick(page, "id_transfer-to_region", "员村", "员村街道")
    assert page.input_value("input[type=hidden][name=transfer-to_region]") == "440106002"
    page.focus("textarea[name=transfer-reason]")
    page.click("details[open] form button.primary:has-text('转办')")
    page.wait_for_selector(".msg-success")
    case.refresh_from_db()
    assert case.region_code == "440106002"
    assert errors == []
