"""Browser (issue 14), at 1366×768 and 390×844: a viewer is offered no link it cannot use; the queue sorts by a
clicked header and exports what it shows; on a phone the header is one line with the menu behind a button."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.factories.windows import make_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
NOT_PAGES = ("/accounts/", "/static/", "/admin/", "/api/", "/i18n/", "#")


def _links(page) -> set[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    return {h for h in hrefs if h.startswith("/") and not h.startswith(NOT_PAGES)}


@pytest.mark.parametrize("viewport", [DESK, PHONE], ids=["desk", "phone"])
def test_a_viewer_is_offered_only_links_that_open(viewport, windows, actors, login, live_server, page):
    page.set_viewport_size(viewport)
    login("city_viewer")
    seen: dict[str, int] = {}
    todo = sorted(_links(page))
    areas = set(todo)
    for area in sorted(a for a in areas if a.count("/") == 2):  # each area's index: its own menu too
        page.goto(f"{live_server.url}{area}")
        todo.extend(_links(page))
    for url in dict.fromkeys(todo):
        seen[url] = page.request.get(f"{live_server.url}{url}").status
    assert {u: s for u, s in seen.items() if s != 200} == {}
    assert "/windows/intake/" not in seen
    assert not [u for u in seen if u.rstrip("/").endswith("/new")]


def test_the_queue_sorts_by_a_clicked_header_and_exports_the_filtered_view(
    windows, actors, login, live_server, page
):
    for seq, name in enumerate(["王五", "张三", "李四"], start=1):
        make_case(actors.township_a1, windows.a1, seq=seq, applicant_name=name)
    page.set_viewport_size(DESK)
    login("county_admin_a")
    page.goto(f"{live_server.url}/windows/queue/")
    page.click("th >> text=申请人")
    page.wait_for_url("**sort=applicant**")
    names = page.locator("tbody tr td:nth-child(2)").all_inner_texts()
    assert names == sorted(names)
    assert page.get_attribute("th[aria-sort]", "aria-sort") == "ascending"
    page.click("th >> text=申请人")
    page.wait_for_url("**sort=-applicant**")
    assert page.locator("tbody tr td:nth-child(2)").all_inner_texts() == sorted(names, reverse=True)
    page.fill("input[name=q]", "张三")
    page.click("button:has-text('筛选')")
    page.wait_for_url("**q=**")
    assert page.locator("tbody tr").count() == 1
    page.screenshot(path="test-results/windows-queue-sorted.png", full_page=True)
    with page.expect_download() as download:
        page.click("text=导出 Excel（当前筛选）")
    rows = list(
        load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active.iter_rows(values_only=True)
    )
    assert [r[1] for r in rows[1:]] == ["张三"]


def test_on_a_phone_the_header_is_one_line_and_the_menu_opens_behind_its_button(
    actors, login, live_server, page
):
    page.set_viewport_size(PHONE)
    login("county_admin_a")
    header = page.locator("header.topbar").bounding_box()
    assert header is not None and header["height"] < 70  # 345 px before
    assert not page.locator("nav.areas").is_visible()
    button = page.locator("[data-menu-toggle]")
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.locator("nav.areas a").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing widens the page
    page.keyboard.press("Tab")  # the focus ring is drawn
    page.goto(f"{live_server.url}/windows/queue/")
    assert (
        page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    )  # the table scrolls in place
    page.screenshot(path="test-results/phone-header.png")


UNLABELLED = """() => [...document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]), select, textarea')]
  .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')
    && !e.getAttribute('aria-labelledby') && !e.title)
  .map(e => e.outerHTML.slice(0, 100))"""


def test_every_input_a_county_admin_meets_from_the_menus_has_a_label(
    windows, actors, login, live_server, page
):
    page.set_viewport_size(DESK)
    login("county_admin_a")
    pages = set(_links(page))
    for area in sorted(a for a in set(pages) if a.count("/") == 2):
        page.goto(f"{live_server.url}{area}")
        pages |= _links(page)
    unlabelled = {}
    downloads = ("export", ".xlsx", ".csv", "print")
    for url in sorted(u for u in pages if not any(d in u for d in downloads)):
        if page.goto(f"{live_server.url}{url}").status == 200:
            found = page.evaluate(UNLABELLED)
            if found:
                unlabelled[url] = found
    assert unlabelled == {}
