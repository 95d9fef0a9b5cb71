"""API of the catalogue and contractors with their reviews: access contract, validation, masking, query counts."""

from __future__ import annotations

from procurement.models import Contractor
from tests.contract import AccessContract
from tests.factories.procurement import (
    ContractorFactory,
    credit_code,
)
from tests.procurement.conftest import all_conditions

BASE = "/api/v1/procurement"


class TestContractorAccess(AccessContract):
    list_url = f"{BASE}/contractors/"
    model = Contractor

    def make(self, regions, region):
        return ContractorFactory(region=region)

    def create_payload(self, regions, region):
        return {
            "name": "测试社工中心",
            "credit_code": credit_code("52", 901),
            "kind": "social_org",
            "legal_representative": "李四",
            "region": region.code,
        }


def test_invalid_credit_code_is_400_with_the_field(api, actors, regions):
    payload = TestContractorAccess().create_payload(regions, regions.county_a)
    payload["credit_code"] = payload["credit_code"][:-1] + "0" if payload["credit_code"][-1] != "0" else "1"
    response = api(actors.county_admin).post(f"{BASE}/contractors/", payload, format="json")
    assert response.status_code == 400
    assert "credit_code" in response.json()["fields"]


def test_contractor_phone_leaves_masked(api, actors, regions):
    contractor = ContractorFactory(region=regions.a1, contact_phone="13812345678")
    data = api(actors.county_admin).get(f"{BASE}/contractors/{contractor.pk}/").json()
    assert data["contact_phone"] == "138****5678"


def test_contractor_list_query_count(api, actors, regions, django_assert_max_num_queries):
    for _ in range(15):
        ContractorFactory(region=regions.a1)
    client = api(actors.county_admin)
    # session/grants (1), count (1), page with region joined (1)
    with django_assert_max_num_queries(4):
        response = client.get(f"{BASE}/contractors/")
    assert response.json()["count"] == 15


def test_catalogue_lists_province_items_and_own_local_items(api, actors, regions):
    client = api(actors.county_admin)
    response = client.post(
        f"{BASE}/catalogue/",
        {
            "region": "440106",
            "code": "L-TH-1",
            "name": "困难群众探访",
            "work_kind": "service",
            "assistance": "all",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    codes = {i["code"] for i in client.get(f"{BASE}/catalogue/?page_size=100").json()["results"]}
    assert "L-TH-1" in codes
    codes = set()
    url = f"{BASE}/catalogue/"
    while url:
        data = api(actors.outsider).get(url).json()
        codes |= {i["code"] for i in data["results"]}
        url = data["next"]
    assert "L-TH-1" not in codes and "S-care-tekun" in codes


def test_review_upload_via_multipart(api, actors, regions):
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    contractor = ContractorFactory(region=regions.a1)
    response = api(actors.county_admin).post(
        f"{BASE}/contractors/{contractor.pk}/reviews/",
        {
            "region": "440106",
            "work_kind": "service",
            "conditions": json.dumps(
                [{"condition": c["condition"], "met": True, "evidence_note": ""} for c in all_conditions()]
            ),
            **{
                f"evidence_{c['condition']}": SimpleUploadedFile(f"{c['condition']}.pdf", b"%PDF-1.4\n")
                for c in all_conditions()
            },
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    assert response.json()["result"] == "passed"
    assert all(c["evidence_file"] for c in response.json()["conditions"])
    listed = api(actors.county_admin).get(f"{BASE}/contractors/{contractor.pk}/reviews/").json()
    assert [r["id"] for r in listed] == [response.json()["id"]]


def test_contractor_update_rechecks_the_code_and_keeps_the_region(api, actors, regions):
    contractor = ContractorFactory(region=regions.a1)
    client = api(actors.county_admin)
    response = client.patch(f"{BASE}/contractors/{contractor.pk}/", {"kind": "enterprise"}, format="json")
    assert response.status_code == 400 and "kind" in response.json()["fields"]
    response = client.patch(
        f"{BASE}/contractors/{contractor.pk}/", {"address": "天河路1号", "region": "440106002"}, format="json"
    )
    assert response.status_code == 200, response.content
    contractor.refresh_from_db()
    assert (contractor.address, contractor.region) == ("天河路1号", regions.a1)


def test_reviews_of_a_contractor_out_of_scope_are_404(api, actors, regions):
    contractor = ContractorFactory(region=regions.b1)
    assert api(actors.county_admin).get(f"{BASE}/contractors/{contractor.pk}/reviews/").status_code == 404
