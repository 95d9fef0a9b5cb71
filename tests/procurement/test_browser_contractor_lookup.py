"""Browser: a contractor is picked from the register by name with the keyboard (issue 14) — type, ↓/↑ move the
highlight (wrapping), Esc closes, Enter chooses — and the form posts the credit code (static/js/lookup.js over the
shared listbox.js). The list's words come from the page (gettext), in English under en."""

from __future__ import annotations

import pytest

from tests.factories.procurement import ContractorFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_sanction_form_picks_a_contractor_by_name_with_the_keyboard(regions, actors, login, live_server):
    first = ContractorFactory(region=regions.a1, name="天河区阳光社工服务中心")
    second = ContractorFactory(region=regions.a1, name="天河区阳光长者服务社")
    page = login("county_admin_a")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/procurement/sanctions/")
    page.focus("#id_s-contractor")
    page.keyboard.type("阳光")
    options = "#id_s-contractor-options [role=option]"
    page.wait_for_selector(f"{options} >> nth=1")
    names = page.eval_on_selector_all(options, "els => els.map(e => e.querySelector('strong').textContent)")
    assert sorted(names) == sorted([first.name, second.name])
    assert page.get_attribute("#id_s-contractor", "aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # past the last: back to the first
    selected = page.eval_on_selector_all(options, "els => els.map(e => e.getAttribute('aria-selected'))")
    assert selected == ["true", "false"]
    page.keyboard.press("Escape")
    assert page.get_attribute("#id_s-contractor", "aria-expanded") == "false"
    page.keyboard.press("ArrowDown")  # a closed list opens again
    page.wait_for_selector(f"{options} >> nth=1")
    page.keyboard.press("ArrowUp")  # from the first, up wraps to the last
    page.keyboard.press("Enter")
    chosen = {first.name: first.credit_code, second.name: second.credit_code}[names[1]]
    assert page.input_value("input[type=hidden][name=s-contractor]") == chosen
    assert page.get_attribute("#id_s-contractor", "aria-expanded") == "false"
    assert names[1] in page.inner_text(".lookup .region-current")
    page.fill("#id_s-contractor", "没有这个机构")
    page.wait_for_selector("#id_s-contractor-options li.hint:has-text('没有找到')")
    assert errors == []
