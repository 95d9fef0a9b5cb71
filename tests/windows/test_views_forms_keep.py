"""Forms keep what was typed (issue 14): a refused case step, booking or intake comes back with every value, the step
open and the error at its field; the intake screen keeps the channel between applicants."""

from __future__ import annotations

import datetime as dt

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone

from tests.factories.windows import id_number, make_case
from windows.models import AppointmentSlot, Case

pytestmark = pytest.mark.django_db


def _open_panels(body: str) -> list[str]:
    soup = BeautifulSoup(body, "html.parser")
    return [d.summary.get_text(strip=True) for d in soup.select("details[open]")]


def test_a_refused_case_step_keeps_the_typed_text_open_at_its_field(windows, actors, web):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    client = web(actors.township_a1)
    text = "已联系申请人，材料齐全，转县民政局审批。"
    response = client.post(
        reverse("windows:case_step", args=[case.number, "transfer"]),
        {"transfer-kind": "region", "transfer-reason": text},  # the receiving region is missing
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert text in body
    assert "转办" in _open_panels(body)
    soup = BeautifulSoup(body, "html.parser")
    error = soup.select_one("#id_transfer-to_region").find_parent("div").select_one(".error, .errorlist")
    assert error is not None and "转入" in error.get_text()
    assert Case.objects.get(pk=case.pk).status == "accepted"


def test_an_invalid_case_step_form_keeps_the_other_fields(windows, actors, web):
    case = make_case(actors.township_a1, windows.a1)  # received, not yet accepted: it may be refused
    response = web(actors.township_a1).post(
        reverse("windows:case_step", args=[case.number, "reject"]),
        {"reject-reason": "不属于社会救助事项", "reject-method": "phone"},  # 一次性告知内容 missing
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "不属于社会救助事项" in body and "不予受理" in _open_panels(body)


def test_a_refused_booking_keeps_the_applicants_name(windows, actors, web):
    client = web(actors.township_a1)
    day = timezone.localdate() + dt.timedelta(days=2)
    client.post(
        reverse("windows:slot_publish", args=[windows.a1.pk]),
        {"day": day.isoformat(), "start": "09:00", "end": "10:00", "capacity": 1},
    )
    slot = AppointmentSlot.objects.get()
    response = client.post(
        reverse("windows:slot_book", args=[slot.pk]),
        {
            "applicant_name": "赵六",
            "id_number": "44010619800101123",
            "phone": "13500000000",
            "category": "dibao",
        },
    )
    assert response.status_code == 400
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    assert soup.select_one("input[name=applicant_name]")["value"] == "赵六"
    assert soup.select_one("input[name=phone]")["value"] == "13500000000"


def test_intake_remembers_the_channel_of_the_last_applicant(windows, actors, web):
    client = web(actors.township_a1)
    soup = BeautifulSoup(client.get(reverse("windows:intake")).content.decode(), "html.parser")
    assert soup.select_one("select[name=channel] option[selected]")["value"] == "walk_in"
    data = {
        "window": windows.a1.pk,
        "channel": "phone",
        "applicant_name": "张三",
        "id_number": id_number(1),
        "phone": "13800138000",
        "household_region": "440106001001",
        "category": "dibao",
        "description": "电话求助",
        "accept_now": "on",
        "next": "again",
    }
    assert client.post(reverse("windows:intake"), data).status_code == 302
    soup = BeautifulSoup(client.get(reverse("windows:intake")).content.decode(), "html.parser")
    assert soup.select_one("select[name=channel] option[selected]")["value"] == "phone"
    other = web(actors.township_a2)  # another clerk's screen is their own
    soup = BeautifulSoup(other.get(reverse("windows:intake")).content.decode(), "html.parser")
    assert soup.select_one("select[name=channel] option[selected]")["value"] == "walk_in"


def test_intake_marks_the_required_fields_and_checks_the_phone_as_typed(windows, actors, web):
    soup = BeautifulSoup(
        web(actors.township_a1).get(reverse("windows:intake")).content.decode(), "html.parser"
    )
    marked = [label.get_text(strip=True) for label in soup.select("label:has(.required-mark)")]
    assert any(text.startswith("申请人姓名") for text in marked)
    assert any(text.startswith("户籍地") for text in marked)
    phone = soup.select_one("input[name=phone]")
    assert phone["data-check"] == "phone" and phone.has_attr("required")


def _step_panels(body: str, selector: str = "details") -> list[str]:
    soup = BeautifulSoup(body, "html.parser")
    return [d.summary.get_text(strip=True) for d in soup.select(f".step-panels {selector}")]


def test_a_refused_later_step_is_the_only_open_panel_and_keeps_its_text(windows, actors, web):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    client = web(actors.township_a1)
    page = client.get(reverse("windows:case_detail", args=[case.number])).content.decode()
    panels = _step_panels(page)
    assert panels.index("转办") > 0  # a later step than the first
    assert _step_panels(page, "details[open]") == [panels[0]]  # nothing submitted: the first step is open
    text = "申请人户籍在外区，转户籍地乡镇办理。"
    response = client.post(
        reverse("windows:case_step", args=[case.number, "transfer"]),
        {"transfer-kind": "region", "transfer-reason": text},  # the receiving region is missing
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert _step_panels(body, "details[open]") == ["转办"]
    soup = BeautifulSoup(body, "html.parser")
    typed = soup.select_one(".step-panels details[open] textarea[name=transfer-reason]").get_text()
    assert typed.strip() == text  # (the newline after <textarea> is not part of the value)
