"""好差评 API: one rating per case (409 for a second), scope (404), figures, and follow-up steps (409, 404)."""

from __future__ import annotations

import pytest

from tests.factories.windows import make_case
from windows import services
from windows.models import CaseRating, RatingFollowUp

from .ratings_helpers import finished_case

pytestmark = pytest.mark.django_db

URL = "/api/v1/windows/ratings/"
FOLLOW_UPS = "/api/v1/windows/follow-ups/"


def test_rating_at_the_window_once_per_case(windows, actors, api):
    case = finished_case(actors, windows.a1)
    client = api(actors.township_a1)
    first = client.post(URL, {"case": case.number, "grade": 4, "comment": "服务热情"}, format="json")
    assert first.status_code == 201, first.content
    assert first.json()["grade_label"] == "满意" and first.json()["channel"] == "window"
    second = client.post(URL, {"case": case.number, "grade": 1}, format="json")
    assert second.status_code == 409 and second.json()["code"] == "already_rated"
    assert CaseRating.objects.count() == 1


def test_rating_a_case_out_of_scope_is_404(windows, actors, api):
    case = finished_case(actors, windows.a1)
    response = api(actors.outsider).post(URL, {"case": case.number, "grade": 5}, format="json")
    assert response.status_code == 404 and not CaseRating.objects.exists()


def test_rating_an_open_case_is_400_in_chinese(windows, actors, api):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    response = api(actors.township_a1).post(URL, {"case": case.number, "grade": 5}, format="json")
    assert response.status_code == 400 and "办结" in response.content.decode()
    assert not CaseRating.objects.exists()


def test_rating_list_is_scoped_and_its_queries_do_not_grow(
    windows, actors, api, django_assert_max_num_queries
):
    for seq, grade in ((1, 5), (2, 1), (3, 2)):
        services.rating_submit(case=finished_case(actors, windows.a1, seq=seq), grade=grade, channel="online")
    client = api(actors.county_admin)
    with django_assert_max_num_queries(8):
        body = client.get(URL).json()
    assert sorted(r["grade"] for r in body["results"]) == [1, 2, 5]
    assert api(actors.outsider).get(URL).json()["results"] == []
    rating = CaseRating.objects.first()
    assert api(actors.outsider).get(f"{URL}{rating.pk}/").status_code == 404


def test_summary_by_county_and_window(windows, actors, api):
    for seq, grade in ((1, 5), (2, 1)):
        services.rating_submit(case=finished_case(actors, windows.a1, seq=seq), grade=grade, channel="online")
    client = api(actors.county_admin)
    county = client.get(URL + "summary/", {"by": "county"}).json()
    assert [(r["key"], r["total"], r["bad"], r["bad_share"]) for r in county] == [("440106", 2, 1, 50.0)]
    window = client.get(URL + "summary/", {"by": "window"}).json()
    assert window[0]["name"] == "五山街道社会救助窗口" and window[0]["grade_5"] == 1
    assert client.get(URL + "summary/", {"by": "city"}).status_code == 400


def _follow_up(actors, windows):
    case = finished_case(actors, windows.a1)
    services.rating_submit(case=case, grade=1, comment="态度差", channel="online")
    return RatingFollowUp.objects.get()


def test_follow_up_steps_through_the_api(windows, actors, api):
    f = _follow_up(actors, windows)
    client = api(actors.county_admin)
    base = f"{FOLLOW_UPS}{f.pk}/"
    assert (
        client.post(base + "verify/", {"note": "电话回访属实"}, format="json").json()["status"]
        == "rectifying"
    )
    assert client.post(base + "rectify/", {"note": "已约谈整改"}, format="json").json()["status"] == "to_tell"
    done = client.post(base + "tell/", {"method": "phone", "outcome": "已整改"}, format="json")
    assert done.status_code == 200 and done.json()["status"] == "closed"
    again = client.post(base + "verify/", {"note": "再核实"}, format="json")
    assert again.status_code == 409


def test_follow_up_appeal_by_the_reviewed_staff_member_and_missing_input_is_400(windows, actors, api):
    f = _follow_up(actors, windows)
    base = f"{FOLLOW_UPS}{f.pk}/"
    assert api(actors.township_a1).post(base + "appeal/", {}, format="json").status_code == 400
    r = api(actors.township_a1).post(base + "appeal/", {"reason": "按政策办理"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "appealed"
    assert (
        api(actors.county_staff).post(base + "uphold/", {"decision": "成立"}, format="json").status_code
        == 403
    )
    r = api(actors.county_admin).post(base + "uphold/", {"decision": "申诉成立"}, format="json")
    assert r.json()["appeal_upheld"] is True


def test_follow_ups_out_of_scope_are_404(windows, actors, api):
    f = _follow_up(actors, windows)
    client = api(actors.outsider)
    assert client.get(f"{FOLLOW_UPS}{f.pk}/").status_code == 404
    assert client.post(f"{FOLLOW_UPS}{f.pk}/verify/", {"note": "x"}, format="json").status_code == 404
    assert client.get(FOLLOW_UPS).json()["results"] == []
