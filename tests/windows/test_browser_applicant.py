"""Browser: the applicant's side of a case — the printed receipt with its QR code, the public status page reached by
the receipt's URL on a phone, the steps advancing as staff act, and a 一次性告知书 of two missing documents."""

from __future__ import annotations

import io
import re

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from tests.browser_fixtures import pass_second_factor, prepare_second_factor
from tests.factories.identifiers import resident_id
from windows import services
from windows.models import Case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GOOD_ID = resident_id("44010619800101123")
PHONE = (390, 844)
DESKTOP = (1366, 900)


def _pdf_text(pdf: PdfReader) -> str:
    """The PDF's text without spacing (Chromium spaces out monospace digits; CJK glyphs come out unmapped)."""
    return re.sub(r"[\s\x00]", "", "".join(page.extract_text() for page in pdf.pages))


def _register(page, live_server) -> Case:
    page.goto(f"{live_server.url}/windows/intake/")
    page.fill("input[name=applicant_name]", "张三")
    page.fill("#id_number", GOOD_ID)
    page.fill("input[name=phone]", "020-87654321")
    page.fill("#id_household_region", "440106001001")
    page.select_option("select[name=category]", "dibao")
    page.fill("textarea[name=description]", "家庭收入低于当地低保标准，申请最低生活保障。")
    page.click("button.primary[type=submit]")
    page.wait_for_url(re.compile(r"/windows/cases/.+/$"))
    return Case.objects.get()


def _decode_qr(png: bytes) -> list[str]:
    """The texts of the QR codes in a screenshot, read by zxing-cpp (what a phone's camera does)."""
    return [code.text for code in zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_receipt_prints_with_number_and_qr_and_the_scanned_url_shows_the_steps_advance(
    windows, actors, login, live_server, viewport
):
    page = login("township_a1")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    case = _register(page, live_server)
    page.click("#receipt-link")
    page.wait_for_selector("#receipt .qr svg")
    page.emulate_media(media="print")
    assert page.locator(".topbar").is_hidden() and page.locator(".no-print").first.is_hidden()
    qr = page.locator("#receipt .qr svg").bounding_box()
    assert qr is not None and qr["width"] > 100 and qr["height"] > 100  # 40 mm on paper
    preview = page.screenshot(path="test-results/windows-receipt-print.png", full_page=True)
    scanned = _decode_qr(preview)  # the print preview's QR code, decoded
    assert scanned == [f"{live_server.url}/windows/status/?number={case.number}"]
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = _pdf_text(pdf)
    assert len(pdf.pages) == 1 and case.number in text  # the receipt fits one A4 page
    assert f"/windows/status/?number={case.number}" in text
    assert page.inner_text("#receipt .doc-url").strip() == scanned[0]

    device = page.context.browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, locale="zh-CN"
    )
    applicant = device.new_page()
    applicant.goto(scanned[0])  # what the camera opens from the QR code
    assert applicant.input_value("input[name=number]") == case.number
    applicant.fill("input[name=phone_last4]", "4321")
    applicant.click("#status-form button[type=submit]")
    applicant.wait_for_selector(".stepbar")
    assert applicant.get_attribute("[data-step=apply]", "class") == "done"
    assert applicant.get_attribute("[data-step=accept]", "class") == "done"
    assert applicant.get_attribute("[data-step=handle]", "class") == "current"
    assert "张三" not in applicant.content() and GOOD_ID not in applicant.content()
    assert applicant.evaluate("document.documentElement.scrollWidth") <= viewport[0]  # nothing runs off

    # the clerk assigns the case on its page; the applicant's step bar advances
    page.emulate_media(media="screen")
    page.goto(f"{live_server.url}/windows/cases/{case.number}/")
    assign = page.locator("details:has(input[name=assign-unit])")
    if assign.get_attribute("open") is None:  # the first step's form opens by itself
        assign.locator("summary").click()
    page.fill("input[name=assign-unit]", "五山街道社会事务办")
    page.click("form[action$='/assign/'] button.primary")
    page.wait_for_selector("text=五山街道社会事务办")
    applicant.reload()
    assert applicant.get_attribute("[data-step=handle]", "class") == "done"
    assert applicant.get_attribute("[data-step=close]", "class") == "current"
    assert "您的求助已分办承办单位" in applicant.inner_text("#public-history")
    applicant.screenshot(path=f"test-results/windows-public-status-{viewport[0]}.png", full_page=True)
    device.close()
    assert errors == []


def test_notice_lists_two_missing_documents_and_prints(windows, actors, login, live_server):
    page = login("township_a1")
    case = _register(page, live_server)
    page.click("#notice-link")
    page.check("input[name=items][value=救助申请书]")
    page.check("input[name=items][value=家庭经济状况核对授权书]")
    page.fill("textarea[name=reason]", "申请材料不全，请补齐后再来办理。")
    page.click("button.primary[type=submit]")
    page.wait_for_selector("#notice")
    items = page.locator("#notice .notice-items li").all_inner_texts()
    assert items == ["救助申请书", "家庭经济状况核对授权书"]
    assert case.number in page.inner_text("#notice")
    page.emulate_media(media="print")
    page.screenshot(path="test-results/windows-notice-print.png", full_page=True)
    assert case.number in _pdf_text(PdfReader(io.BytesIO(page.pdf(format="A4"))))


def test_applicant_rates_badly_on_a_phone_and_the_county_closes_the_follow_up(
    windows, actors, login, live_server
):
    page = login("township_a1")
    case = _register(page, live_server)
    services.case_feedback(actor=actors.township_a1, case=case, method="phone", content="已电话告知审核结果")
    services.case_close(actor=actors.township_a1, case=case)

    phone = page.context.browser.new_context(viewport={"width": PHONE[0], "height": PHONE[1]}, locale="zh-CN")
    applicant = phone.new_page()
    applicant.goto(f"{live_server.url}/windows/status/?number={case.number}")
    applicant.fill("input[name=phone_last4]", "4321")
    applicant.click("#status-form button[type=submit]")
    applicant.wait_for_selector("#public-rate-form")
    assert applicant.get_attribute("[data-step=close]", "class") == "done"
    applicant.fill("#public-rate-form input[name=phone_last4]", "4321")
    applicant.check("#public-rate-form input[name=grade][value='1']")
    applicant.fill("#public-rate-form textarea[name=comment]", "窗口人员态度冷淡")
    applicant.click("#public-rate-form button[type=submit]")
    applicant.wait_for_selector("#public-rating")
    assert "非常不满意" in applicant.inner_text("#public-rating")
    assert applicant.evaluate("document.documentElement.scrollWidth") <= PHONE[0]

    desk = phone.browser.new_context(locale="zh-CN")
    county = desk.new_page()
    prepare_second_factor("county_admin_a")
    county.goto(f"{live_server.url}/accounts/login/")
    county.fill("#id_username", "county_admin_a")
    county.fill("#id_password", "Test-pass-2026")
    county.click("button[type=submit]")
    pass_second_factor(county)
    county.wait_for_url(f"{live_server.url}/")
    county.goto(f"{live_server.url}/windows/ratings/")
    assert "100.0%" in county.inner_text("#rating-figures")
    county.click(f"#follow-ups a:has-text('{case.number}')")
    assert county.inner_text("#follow-up-status") == "待回访核实"
    county.fill("textarea[name=verify-note]", "电话回访，申请人反映属实")
    county.click("details[open] button.primary")
    county.wait_for_selector("#follow-up-status:has-text('整改中')")
    county.click("summary:has-text('整改完成')")
    county.fill("textarea[name=rectify-note]", "已对窗口人员批评教育并组织服务规范培训")
    county.click("details[open] button.primary:has-text('整改完成')")
    county.wait_for_selector("#follow-up-status:has-text('待告知结果')")
    county.select_option("select[name=tell-method]", "phone")
    county.fill("textarea[name=tell-outcome]", "经核实属实，已整改，感谢您的监督")
    county.click("details[open] button.primary")
    county.wait_for_selector("#follow-up-status:has-text('已办结')")
    county.screenshot(path="test-results/windows-follow-up-closed.png", full_page=True)

    applicant.goto(f"{live_server.url}/windows/status/?number={case.number}&phone_last4=4321")
    assert "已整改，感谢您的监督" in applicant.inner_text("#public-rating")
    desk.close()
    phone.close()
