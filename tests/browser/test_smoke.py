from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_logs_in_and_sees_home_in_chinese(actors, login, live_server):
    page = login("county_admin_a")
    assert "天河区" in page.content()
    assert page.locator("h1").inner_text().startswith("您好")
    page.screenshot(path="test-results/home.png", full_page=True)


def test_api_docs_render_from_vendored_files(actors, login, live_server):
    page = login("county_admin_a")
    page.goto(f"{live_server.url}/api/docs/")
    page.wait_for_selector(".swagger-ui .info", timeout=20000)
    assert "基层社会救助经办服务 API" in page.content()
