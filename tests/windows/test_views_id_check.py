"""The intake screen's ID look-up (issue 12 item 2): only at a window where the user acts, another region's case
answered only with "ask the county" (no number), every look-up logged, rate-limited."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from regions.models import PersonalDataAccess
from tests.factories.windows import id_number, make_case

pytestmark = pytest.mark.django_db
URL = reverse("windows:id_check")
ELSEWHERE = "该身份证号在其他地区有在办事项，请联系所在县（市、区）"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


def _check(client, window, number, category="dibao"):
    return client.get(URL, {"window": window.pk, "id_number": number, "category": category})


def test_a_user_without_a_role_at_any_window_gets_no_answer(windows, actors, web):
    make_case(actors.township_a1, windows.a1, seq=5)
    assert _check(web(actors.no_grant), windows.a1, id_number(5)).status_code == 404
    assert _check(web(actors.provincial_viewer), windows.a1, id_number(5)).status_code == 403
    assert _check(web(actors.service_account), windows.a1, id_number(5)).status_code == 403
    assert not PersonalDataAccess.objects.exists()


def test_a_window_out_of_the_users_scope_is_404(windows, actors, web):
    assert _check(web(actors.outsider), windows.a1, id_number(5)).status_code == 404
    assert web(actors.township_a1).get(URL, {"id_number": id_number(5)}).status_code == 404  # no window


def test_another_countys_case_is_answered_without_its_number(windows, actors, web):
    case = make_case(actors.township_a1, windows.a1, seq=5)
    response = _check(web(actors.outsider), windows.b1, id_number(5))
    html = response.content.decode()
    assert response.status_code == 200
    assert ELSEWHERE in html
    assert case.number not in html and "440106001-" not in html


def test_a_case_in_scope_is_named(windows, actors, web):
    case = make_case(actors.township_a1, windows.a1, seq=5)
    html = _check(web(actors.county_admin), windows.a1, id_number(5)).content.decode()
    assert case.number in html and ELSEWHERE not in html


def test_every_full_look_up_is_logged_without_the_number(windows, actors, web):
    client = web(actors.outsider)
    _check(client, windows.b1, id_number(5))
    _check(client, windows.b1, id_number(6))
    client.get(
        URL, {"window": windows.b1.pk, "id_number": "440106"}
    )  # typing: nothing looked up, nothing logged
    logged = list(PersonalDataAccess.objects.order_by("pk"))
    assert [(a.user, a.region_code, a.field) for a in logged] == [
        (actors.outsider, "440303001", "id_number")
    ] * 2
    assert logged[0].object_pk != logged[1].object_pk  # the two people are told apart
    assert all(id_number(5) not in a.object_pk and id_number(6) not in a.object_pk for a in logged)


def test_look_ups_are_rate_limited_per_user(windows, actors, web):
    client = web(actors.township_a1)
    answers = [_check(client, windows.a1, id_number(i)).status_code for i in range(1, 32)]
    assert answers == [200] * 30 + [429]
    assert PersonalDataAccess.objects.count() == 30
    assert _check(web(actors.county_admin), windows.a1, id_number(1)).status_code == 200


def test_api_intake_names_no_case_of_another_region(windows, actors, api):
    other = make_case(actors.outsider, windows.b1, seq=5)
    response = api(actors.service_account).post(
        "/api/v1/windows/cases/",
        {
            "applicant_name": "王五",
            "id_number": id_number(5),
            "phone": "13712345678",
            "household_region": "440106001001",
            "window": windows.a1.pk,
            "category": "dibao",
            "channel": "online",
            "description": "申请低保",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["duplicates"] == [] and body["duplicates_elsewhere"] == ELSEWHERE
    assert other.number not in response.content.decode()
