"""The windows API: access contract, list with a pinned query count, update."""

from __future__ import annotations

import pytest

from tests.contract import AccessContract
from tests.factories.windows import ServiceWindowFactory
from windows.models import ServiceWindow

pytestmark = pytest.mark.django_db
URL = "/api/v1/windows/cases/"


class TestWindowAccess(AccessContract):
    list_url = "/api/v1/windows/windows/"
    model = ServiceWindow

    def make(self, regions, region):
        return ServiceWindowFactory(region=region)

    def create_payload(self, regions, region):
        return {"region": region.code, "name": "新设窗口", "has_signage": True}


def test_window_list_query_count(windows, actors, api, django_assert_max_num_queries, regions):
    for i in range(20):
        w = ServiceWindowFactory(
            region=regions.a1_village if i % 2 else regions.a2, duty_officer=actors.township_a1
        )
        w.staff.add(actors.township_a1)
    # queries: grants, count, windows with region and duty officer, staff prefetch
    with django_assert_max_num_queries(4):
        response = api(actors.county_admin).get("/api/v1/windows/windows/")
    assert response.json()["count"] == 22


def test_window_update_through_the_api(windows, actors, api):
    r = api(actors.township_a1).patch(
        f"/api/v1/windows/windows/{windows.a1.pk}/",
        {"has_duties": True, "staff": ["township_a1"]},
        format="json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["has_duties"] is True
