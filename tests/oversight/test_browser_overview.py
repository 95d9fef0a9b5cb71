"""In a browser: a county admin opens the overview, raises an issue from a township's row in one click, sees the
figures it carries, follows it up and closes it."""

from __future__ import annotations

import pytest

from oversight import services
from oversight.models import Issue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_raise_an_issue_from_an_overview_row_and_close_it(actors, login, live_server):
    services.overview_compute("2026-10")
    page = login("county_admin_a")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(f"{live_server.url}/oversight/?region=440106&period=2026-10")
    row = page.locator('tr[data-region="440106001"]')
    assert "五山街道" in row.inner_text()
    row.locator("button.raise-issue").click()
    page.wait_for_url("**/oversight/issues/*/")
    assert "五山街道" in page.locator("h1").inner_text()
    assert "staffing" in page.locator("table.figures-carried").inner_text()
    issue = Issue.objects.get()
    assert issue.region.code == "440106001" and issue.period == "2026-10" and issue.figures["staffing"]
    page.fill("textarea[name=note]", "已督促街道补齐人员")
    page.check("input[name=close]")
    page.click("form button.primary")
    page.wait_for_load_state("networkidle")
    assert "已办结" in page.locator("h1").inner_text()
    assert errors == []
