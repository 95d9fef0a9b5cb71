"""受理回执 with the QR code of the public status page, the 一次性告知书 and the public step bar and history."""

from __future__ import annotations

import re

import pytest
import segno
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse

from regions.models import Notification
from tests.factories.windows import make_case
from windows import services
from windows.models import CaseNotice
from windows.views import receipts

pytestmark = pytest.mark.django_db

DIBAO_FORM = "救助申请书"
DIBAO_AUTH = "家庭经济状况核对授权书"


def test_receipt_shows_the_number_limits_window_and_a_qr_of_the_exact_status_url(
    windows, actors, web, monkeypatch
):
    given: list[str] = []
    real_make = segno.make

    def spy(content, **kwargs):
        given.append(content)
        return real_make(content, **kwargs)

    monkeypatch.setattr(receipts.segno, "make", spy)
    case = make_case(actors.township_a1, windows.a1, accept=True)
    response = web(actors.township_a1).get(reverse("windows:receipt", args=[case.number]))
    body = response.content.decode()
    expected_url = f"http://testserver/windows/status/?number={case.number}"
    assert response.status_code == 200
    assert given == [expected_url]  # the QR encodes the public status URL with the number, nothing else
    assert case.number in body and expected_url in body
    assert "<svg" in body and "办理进度查询二维码" in body
    assert "五山街道社会救助窗口" in body and "首问负责人" in body
    # the time-limit table (windows/data/deadlines.csv) for 低保: accept 1 + feedback 30 + close 5 working days
    assert "36 个工作日" in body and "30 个工作日" in body  # accepted: the feedback limit runs


def test_receipt_of_a_case_out_of_scope_is_404(windows, actors, web):
    case = make_case(actors.township_a1, windows.a1)
    assert web(actors.outsider).get(reverse("windows:receipt", args=[case.number])).status_code == 404


def test_the_qr_code_is_inline_svg_markup():
    svg = receipts.qr_svg("http://example.test/windows/status/?number=440106001-20261126-0007")
    assert svg.startswith("<svg") and "</svg>" in svg
    assert "<path" in svg


def test_notice_lists_two_missing_documents_from_the_checklist_and_is_printable(windows, actors, web):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    client = web(actors.township_a1)
    response = client.post(
        reverse("windows:notice_new", args=[case.number]),
        {"kind": "missing", "items": [DIBAO_FORM, DIBAO_AUTH], "reason": "申请材料不全"},
        follow=True,
    )
    notice = CaseNotice.objects.get(case=case)
    assert notice.items == [DIBAO_FORM, DIBAO_AUTH] and notice.issued_by == actors.township_a1
    body = response.content.decode()
    assert "共 2 项" in body and DIBAO_FORM in body and DIBAO_AUTH in body and case.number in body
    status = client.get(reverse("windows:public_status"), {"number": case.number, "phone_last4": "8000"})
    assert DIBAO_AUTH in status.content.decode()  # the public history tells what to bring


def test_notice_refuses_an_item_outside_the_checklist_and_saves_nothing(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    with pytest.raises(ValidationError) as exc:
        services.notice_issue(
            actor=actors.township_a1, case=case, kind="missing", items=["护照"], reason="缺材料"
        )
    assert "护照" in str(exc.value.message_dict["items"])
    assert not CaseNotice.objects.exists()


def test_notice_of_missing_documents_needs_an_item_and_a_reason(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    with pytest.raises(ValidationError) as exc:
        services.notice_issue(actor=actors.township_a1, case=case, kind="missing", reason="")
    assert set(exc.value.message_dict) == {"items", "reason"}


def test_notice_of_non_acceptance_only_for_a_case_not_accepted(windows, actors):
    case = make_case(actors.township_a1, windows.a1)
    with pytest.raises(ValidationError):
        services.notice_issue(actor=actors.township_a1, case=case, kind="not_accepted", reason="不符合条件")
    services.case_reject(actor=actors.township_a1, case=case, reason="户籍不在本省", told="请向户籍地申请")
    notice = services.notice_issue(
        actor=actors.township_a1, case=case, kind="not_accepted", reason="户籍不在本省", other="户籍证明\n"
    )
    assert notice.items == ["户籍证明"]


def test_notice_by_another_member_of_staff_tells_the_first_responder(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    services.notice_issue(
        actor=actors.county_admin, case=case, kind="missing", items=[DIBAO_FORM], reason="缺申请书"
    )
    assert Notification.objects.filter(user=actors.township_a1, kind="case_notice").count() == 1


def test_notice_out_of_scope_is_404(windows, actors, web):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    assert web(actors.outsider).get(reverse("windows:notice_new", args=[case.number])).status_code == 404


def test_public_status_from_the_qr_asks_for_the_phone_digits_without_an_error(client):
    cache.clear()
    body = client.get(
        reverse("windows:public_status"), {"number": "440106001-20261126-0007"}
    ).content.decode()
    assert 'value="440106001-20261126-0007"' in body and "请填写" not in body


def test_public_status_shows_the_step_bar_and_the_history_as_staff_act(windows, actors, client):
    cache.clear()
    case = make_case(actors.township_a1, windows.a1, accept=True)
    url = reverse("windows:public_status")
    query = {"number": case.number, "phone_last4": "8000"}
    body = client.get(url, query).content.decode()
    assert 'class="done" data-step="accept"' in body and 'class="current" data-step="handle"' in body
    services.case_assign(actor=actors.township_a1, case=case, unit="五山街道社会事务办")
    body = client.get(url, query).content.decode()
    assert 'class="done" data-step="handle"' in body and 'class="current" data-step="close"' in body
    assert "您的求助已登记" in body and "您的求助已分办承办单位" in body


def test_the_public_history_is_all_in_chinese(windows, actors, client):
    cache.clear()
    case = make_case(actors.township_a1, windows.a1, accept=True)
    services.case_assign(actor=actors.township_a1, case=case, unit="五山街道社会事务办")
    services.case_feedback(actor=actors.township_a1, case=case, method="phone", content="已告知")
    services.case_close(actor=actors.township_a1, case=case)
    body = client.get(reverse("windows:public_status"), {"number": case.number, "phone_last4": "8000"})
    history = body.content.decode().split('id="public-history"', 1)[1]
    assert "您的求助已登记" in history and "已办结" in history
    assert not re.search(r"[A-Za-z]{3,}", re.sub(r"<[^>]+>", "", history).split("</section>", 1)[0])
