from __future__ import annotations

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from tests.contract import AccessContract

pytestmark = pytest.mark.django_db


class TestRegionAccessContract(AccessContract):
    list_url = "/api/v1/regions/"
    id_key = "code"

    def make(self, regions, region):
        return region


def test_region_list_filters_by_level_and_parent(actors, api):
    response = api(actors.provincial_viewer).get("/api/v1/regions/?level=township&parent=440106")
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert [r["code"] for r in data["results"]] == ["440106001", "440106002"]
    assert data["results"][0] == {
        "code": "440106001",
        "name": "五山街道",
        "level": "township",
        "parent": "440106",
    }


def test_region_detail_has_parent_code(actors, api):
    assert api(actors.county_admin).get("/api/v1/regions/440106/").json()["parent"] == "4401"


def test_region_list_costs_the_same_for_any_page_size(actors, api, django_assert_max_num_queries):
    # session-less API call: grants (1), count (1), page (1)
    with django_assert_max_num_queries(3):
        api(actors.provincial_viewer).get("/api/v1/regions/?page_size=500")


def test_service_account_authenticates_with_token_and_sees_its_city_only(actors, capsys):
    call_command("create_api_token", "api_gz")
    token = capsys.readouterr().out.strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/regions/440106/").status_code == 200
    assert client.get("/api/v1/regions/440303/").status_code == 404


def test_wrong_token_is_refused(actors):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/v1/regions/").status_code == 401


def test_openapi_schema_and_docs_are_served_without_cdn(actors, web):
    c = web(actors.county_admin)
    schema = c.get("/api/schema/")
    assert schema.status_code == 200
    docs = c.get("/api/docs/")
    assert docs.status_code == 200
    assert b"cdn" not in docs.content.lower()
