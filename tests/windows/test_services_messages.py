"""Text messages to an applicant on each public step of their case (申请 → 受理 → 审核/分办 → 办结), when they asked
for them at intake: once per step, a mobile number only, failures recorded, nothing personal in the text."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from core import sms
from tests.factories.windows import id_number, make_case
from windows import rules, services
from windows.models import CaseMessage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _log_sender(settings):
    settings.SMS_BACKEND = "core.sms.LogSender"
    settings.SMS_OPTIONS = {"sign": "天河区民政局"}
    settings.PUBLIC_BASE_URL = "https://jiuzhu.example.gov.cn"
    sms.outbox.clear()
    yield
    sms.outbox.clear()


def steps(case):
    return list(CaseMessage.objects.filter(case=case).values_list("step", "status"))


def test_an_applicant_who_asked_is_texted_each_step_once(windows, actors, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(actors.township_a1, windows.a1, sms_opt_in=True)
        services.case_accept(actor=actors.township_a1, case=case)
        services.case_assign(actor=actors.township_a1, case=case, unit="五山街道社会事务办")
        services.case_feedback(actor=actors.township_a1, case=case, method="phone", content="已告知")
        services.case_close(actor=actors.township_a1, case=case)
    # assign and feedback both reach 审核/分办: one message for that step
    assert steps(case) == [("apply", "sent"), ("accept", "sent"), ("handle", "sent"), ("close", "sent")]
    assert [m.phone for m in sms.outbox] == ["13800138000"] * 4
    today = timezone.localdate()
    assert sms.outbox[1].content == (
        f"您的求助事项{case.number}于{today.year}年{today.month}月{today.day}日已受理。"
        f"凭联系电话后四位可查询办理进度：https://jiuzhu.example.gov.cn/windows/status/?number={case.number}"
    )
    assert all("张三" not in m.content and "8000" not in m.content for m in sms.outbox)


def test_no_message_without_the_applicants_request(windows, actors, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(actors.township_a1, windows.a1, accept=True)
    assert steps(case) == [] and sms.outbox == []


def test_a_landline_is_recorded_as_not_sent(windows, actors, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(actors.township_a1, windows.a1, phone="020-87654321", sms_opt_in=True)
    assert steps(case) == [("apply", "not_mobile")] and sms.outbox == []


def test_a_rejection_is_texted_as_not_accepted(windows, actors, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(actors.township_a1, windows.a1, sms_opt_in=True)
        services.case_reject(actor=actors.township_a1, case=case, reason="不属于救助范围", told="已当面告知")
    assert steps(case) == [("apply", "sent"), ("close", "sent")]
    assert "不予受理" in sms.outbox[-1].content


def test_a_gateway_failure_is_recorded_and_the_step_stands(
    windows, actors, settings, django_capture_on_commit_callbacks
):
    settings.SMS_BACKEND = "core.sms.HttpGatewaySender"
    settings.SMS_OPTIONS = {"url": "http://127.0.0.1:9/send", "timeout": 1}  # discard port: nothing listens
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(actors.township_a1, windows.a1, sms_opt_in=True, accept=True)
    case.refresh_from_db()
    assert case.status == "accepted"
    failed = CaseMessage.objects.get(case=case, step="accept")
    assert failed.status == "failed" and "unreachable" in failed.error


def test_a_retried_task_sends_nothing_twice(windows, actors, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(actors.township_a1, windows.a1, sms_opt_in=True)
    again = services.case_step_message(case_id=case.pk, action="receive", day=dt.date(2026, 12, 7))
    assert again is None and len(sms.outbox) == 1


def test_without_a_public_address_the_text_has_no_link(
    windows, actors, settings, django_capture_on_commit_callbacks
):
    settings.PUBLIC_BASE_URL = ""
    with django_capture_on_commit_callbacks(execute=True):
        make_case(actors.township_a1, windows.a1, sms_opt_in=True)
    assert "http" not in sms.outbox[0].content and "已登记" in sms.outbox[0].content


@pytest.mark.parametrize(
    ("phone", "mobile"),
    [("13800138000", True), ("138 0013 8000", True), ("12800138000", False), ("020-87654321", False)],
)
def test_only_a_mainland_mobile_receives_a_text(phone, mobile):
    assert rules.can_receive_sms(phone) is mobile


def test_the_api_intake_takes_the_request_for_texts(windows, actors, api, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = api(actors.township_a1).post(
            "/api/v1/windows/cases/",
            {
                "applicant_name": "李四",
                "id_number": id_number(7),
                "phone": "13900139000",
                "household_region": windows.a1.region.code,
                "category": "dibao",
                "channel": "walk_in",
                "description": "申请低保",
                "window": windows.a1.pk,
                "sms_opt_in": True,
            },
            format="json",
        )
    assert response.status_code == 201, response.content
    assert response.json()["sms_opt_in"] is True
    assert [m.phone for m in sms.outbox] == ["13900139000"]
