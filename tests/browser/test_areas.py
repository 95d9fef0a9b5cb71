from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each area's main page and its chart pages, as a county admin opens them from the navigation.
PAGES = [
    "/staffing/",
    "/windows/",
    "/windows/dashboard/",
    "/procurement/",
    "/evaluation/",
    "/training/",
    "/training/compliance/",
]


def test_every_area_opens_from_the_navigation_without_script_errors(actors, login, live_server):
    page = login("county_admin_a")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"{page.url}: {exc}"))
    nav = [a.get_attribute("href") for a in page.locator("nav.areas a").all()]
    assert {"/staffing/", "/windows/", "/procurement/", "/evaluation/", "/training/"} <= set(nav)
    for path in PAGES:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").count() >= 1, path
    assert errors == []
