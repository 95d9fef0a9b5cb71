"""Case pages: intake (ID checked as typed, duplicates warned, documents), my cases, queue, detail with steps,
reveal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regions.models import PersonalDataAccess
from tests.factories.windows import id_number, make_case
from windows.models import Case

pytestmark = pytest.mark.django_db


def _intake_post(windows, **change):
    data = {
        "window": windows.a1.pk,
        "channel": "walk_in",
        "applicant_name": "张三",
        "id_number": id_number(1),
        "phone": "13800138000",
        "household_region": "440106001001",
        "category": "dibao",
        "description": "申请低保",
        "accept_now": "on",
    }
    data.update(change)
    return data


def test_intake_page_takes_a_case_in_and_accepts_it(windows, actors, web):
    client = web(actors.township_a1)
    assert client.get(reverse("windows:intake")).status_code == 200
    response = client.post(reverse("windows:intake"), _intake_post(windows))
    case = Case.objects.get()
    assert response.status_code == 302 and case.number in response["Location"]
    assert case.status == "accepted" and case.first_responder == actors.township_a1


def test_intake_and_next_returns_to_an_empty_form(windows, actors, web):
    response = web(actors.township_a1).post(reverse("windows:intake"), _intake_post(windows, next="again"))
    assert response["Location"] == reverse("windows:intake")


def test_intake_with_bad_id_shows_the_error_and_saves_nothing(windows, actors, web):
    response = web(actors.township_a1).post(
        reverse("windows:intake"), _intake_post(windows, id_number="440106198005170010")
    )
    assert response.status_code == 200
    assert "校验码" in response.content.decode()
    assert not Case.objects.exists()


def test_intake_warns_of_a_duplicate_until_confirmed(windows, actors, web):
    first = make_case(actors.township_a1, windows.a1)
    client = web(actors.township_a1)
    response = client.post(reverse("windows:intake"), _intake_post(windows))
    assert response.status_code == 200 and first.number in response.content.decode()
    assert Case.objects.count() == 1
    client.post(reverse("windows:intake"), _intake_post(windows, confirm_duplicate="on"))
    assert Case.objects.count() == 2


def test_id_check_answers_as_typed(windows, actors, web):
    client = web(actors.township_a1)
    url = reverse("windows:id_check")
    at = {"window": windows.a1.pk}
    assert "已输入 6/18" in client.get(url, {"id_number": "440106", **at}).content.decode()
    assert "校验码" in client.get(url, {"id_number": "440106198005170010", **at}).content.decode()
    assert "号码有效" in client.get(url, {"id_number": id_number(1), **at}).content.decode()
    case = make_case(actors.township_a1, windows.a1)
    html = client.get(url, {"id_number": id_number(1), "category": "dibao", **at}).content.decode()
    assert "同类未办结" in html and case.number in html


def test_viewer_has_no_intake_screen(windows, actors, web):
    assert web(actors.city_viewer).get(reverse("windows:intake")).status_code == 403


def test_my_cases_lists_cases_first_received_even_after_transfer(
    windows, actors, web, regions, django_assert_max_num_queries
):
    for i in range(15):
        make_case(actors.township_a1, windows.a1, seq=i, household=regions.b1_village, accept=True)
    client = web(actors.township_a1)
    # queries: session, user, first-responder figures, count, grants (nav), unread notifications, whether a window
    # is there to act at (the menu's 登记受理), page of cases with joins, session save (with its savepoint pair)
    with django_assert_max_num_queries(11):
        response = client.get(reverse("windows:my_cases"))
    body = response.content.decode()
    assert body.count("440106001-") >= 15
    assert "440303001" in body  # now handled in 桂园街道


def test_queue_highlights_overdue_and_pins_queries(windows, actors, web, django_assert_max_num_queries):
    cases = [make_case(actors.township_a1, windows.a1, seq=i, accept=True) for i in range(20)]
    Case.objects.filter(pk=cases[0].pk).update(due_date=dt.date(2020, 1, 1))
    client = web(actors.county_admin)
    # queries: session, user, grants, count, unread notifications, whether a window is there to act at (the menu's
    # 登记受理), page of cases with joins, session save (with its savepoint pair)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("windows:queue"))
    body = response.content.decode()
    assert "row-bad" in body and "超期" in body
    assert "county_admin" not in client.get(reverse("windows:queue"), {"overdue": "true"}).content.decode()


def test_a_step_another_user_already_took_is_409_on_the_page_and_a_bad_input_400(windows, actors, web):
    case = make_case(actors.township_a1, windows.a1)
    url = reverse("windows:case_step", args=[case.number, "accept"])
    first, second = web(actors.township_a1), web(actors.county_admin)
    assert first.post(url, {"accept-note": "材料齐全"}).status_code == 302
    # the second clerk's page still offered 受理: the case moved on meanwhile, so the step lost (409) and the page
    # shows the case as it is now
    response = second.post(url, {"accept-note": "我来受理"})
    assert response.status_code == 409
    assert "材料齐全" in response.content.decode()
    assert Case.objects.get(pk=case.pk).events.filter(action="accept").count() == 1
    assign = reverse("windows:case_step", args=[case.number, "assign"])
    assert second.post(assign, {"assign-unit": ""}).status_code == 400


def test_case_detail_shows_timeline_masked_and_out_of_scope_is_404(windows, actors, web):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    body = web(actors.township_a1).get(reverse("windows:case_detail", args=[case.number])).content.decode()
    assert "办理记录" in body and "登记" in body and "受理" in body
    assert id_number(1) not in body and "13800138000" not in body
    assert web(actors.outsider).get(reverse("windows:case_detail", args=[case.number])).status_code == 404


def test_step_from_the_page_and_a_refused_close(windows, actors, web):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    client = web(actors.township_a1)
    client.post(reverse("windows:case_step", args=[case.number, "close"]), {})
    assert Case.objects.get(pk=case.pk).status == "accepted"
    client.post(reverse("windows:case_step", args=[case.number, "assign"]), {"assign-unit": "社会事务办"})
    assert Case.objects.get(pk=case.pk).status == "assigned"
    response = client.post(
        reverse("windows:case_step", args=[case.number, "feedback"]),
        {"feedback-method": "phone"},
        follow=True,
    )
    assert "告知内容" in response.content.decode()
    assert Case.objects.get(pk=case.pk).status == "assigned"


def test_reveal_on_the_page_shows_full_values_once_and_logs(windows, actors, web):
    case = make_case(actors.township_a1, windows.a1)
    body = (
        web(actors.township_a1)
        .post(reverse("windows:case_reveal", args=[case.number]), {"reason": "核对"})
        .content.decode()
    )
    assert id_number(1) in body
    assert PersonalDataAccess.objects.filter(object_pk=str(case.pk)).count() == 2


def test_intake_page_takes_attachments(windows, actors, web, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    data = _intake_post(windows)
    data["attachments"] = [SimpleUploadedFile("户口簿.jpg", b"\xff\xd8\xff jpeg")]
    web(actors.township_a1).post(reverse("windows:intake"), data)
    case = Case.objects.get()
    assert case.attachments.get().name == "户口簿.jpg"
    body = web(actors.township_a1).get(reverse("windows:case_detail", args=[case.number])).content.decode()
    assert "户口簿.jpg" in body
