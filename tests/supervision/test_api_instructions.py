"""Supervision over the API: issue on a window or region, answer, send back, close; scoped lists (一(七))."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories.windows import ServiceWindowFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/supervision/instructions/"


def payload(target_kind, target_id, **over):
    data = {
        "target_kind": target_kind,
        "target_id": target_id,
        "kind": "inspection",
        "finding": "窗口未设固定岗位",
        "requirement": "设置固定岗位并公示",
        "deadline": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
    }
    data.update(over)
    return data


def test_the_full_round_over_the_api(regions, actors, api):
    window = ServiceWindowFactory(region=regions.a1)
    city, county = api(actors.city_viewer), api(actors.county_admin)
    made = city.post(URL, payload("windows.servicewindow", window.pk), format="json")
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert (
        county.post(
            f"{URL}{pk}/answer/", {"rectification": "已设岗", "evidence": "排班表"}, format="json"
        ).status_code
        == 200
    )
    back = city.post(f"{URL}{pk}/return/", {"note": "未公示"}, format="json")
    assert (back.status_code, back.json()["status"], back.json()["returned_count"]) == (200, "open", 1)
    county.post(f"{URL}{pk}/answer/", {"rectification": "已公示", "evidence": "照片"}, format="json")
    closed = city.post(f"{URL}{pk}/close/", {}, format="json")
    assert closed.json()["status"] == "closed"
    assert [e["action"] for e in closed.json()["events"]] == ["issue", "answer", "return", "answer", "close"]
    again = city.post(f"{URL}{pk}/close/", {}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "illegal_transition"


def test_the_instructions_of_one_object_are_listed_and_scoped(regions, actors, api):
    window = ServiceWindowFactory(region=regions.a1)
    api(actors.city_viewer).post(URL, payload("windows.servicewindow", window.pk), format="json")
    api(actors.provincial_viewer).post(URL, payload("regions.region", regions.county_b.pk), format="json")
    mine = (
        api(actors.county_admin)
        .get(URL, {"target_kind": "windows.servicewindow", "target_id": window.pk})
        .json()
    )
    assert [r["object_id"] for r in mine["results"]] == [window.pk]
    assert api(actors.outsider).get(URL).json()["count"] == 1
    assert api(actors.provincial_viewer).get(URL).json()["count"] == 2


def test_a_county_issuing_is_403_and_an_unseen_target_404(regions, actors, api):
    window = ServiceWindowFactory(region=regions.a1)
    assert (
        api(actors.county_admin)
        .post(URL, payload("windows.servicewindow", window.pk), format="json")
        .status_code
        == 403
    )
    assert (
        api(actors.outsider).post(URL, payload("windows.servicewindow", window.pk), format="json").status_code
        == 404
    )
    bad = api(actors.city_viewer).post(URL, payload("staffing.worker", 1), format="json")
    assert bad.status_code == 400


def test_list_query_count_is_flat(regions, actors, api, django_assert_max_num_queries):
    window = ServiceWindowFactory(region=regions.a1)
    city = api(actors.city_viewer)
    for _ in range(5):
        city.post(URL, payload("windows.servicewindow", window.pk), format="json")
    # grants, count, page (+content type), events (+actor)
    with django_assert_max_num_queries(4):
        assert api(actors.county_admin).get(URL).json()["count"] == 5
