"""Browser: the intake screen at a window is keyboard-first and checks the ID number as it is typed."""

from __future__ import annotations

import pytest

from windows.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOD_ID = "440106198001011230"  # 4×7+4×9+1×5+6×4+1×2+9×1+8×6+1×9+1×5+1×8+2×4+3×2 = 188, mod 11 = 1 → "0"
BAD_ID = "440106198001011231"


def test_intake_checks_the_id_number_as_typed_and_ctrl_enter_registers_the_next_person(
    windows, actors, login, live_server
):
    page = login("township_a1")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/windows/intake/")
    page.keyboard.type("张三")  # the name field has the focus: no mouse needed
    page.fill("#id_number", BAD_ID)
    page.wait_for_selector("#id-check .badge.bad")
    assert "校验码" in page.inner_text("#id-check")
    page.fill("#id_number", GOOD_ID)
    page.wait_for_selector("#id-check .badge.ok")
    page.fill("input[name=phone]", "13812345678")
    page.fill("#id_household_region", "440106001001")
    page.select_option("select[name=category]", "dibao")
    page.fill("textarea[name=description]", "家庭收入低于当地低保标准，申请最低生活保障。")
    page.focus("input[name=phone]")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(f"{live_server.url}/windows/intake/")
    page.screenshot(path="test-results/windows-intake.png", full_page=True)
    case = Case.objects.get()
    assert case.first_responder == actors.township_a1
    assert case.number in page.content()  # the success message names the new case
    assert page.input_value("#id_number") == ""  # a clean form for the next person in the queue
    assert errors == []
