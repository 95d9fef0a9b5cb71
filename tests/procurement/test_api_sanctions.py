"""API of sanctions and the public debarment list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from procurement.choices import ContractStatus, ProjectStatus
from procurement.models import Sanction
from tests.contract import AccessContract
from tests.factories.procurement import (
    ContractFactory,
    SanctionFactory,
)

BASE = "/api/v1/procurement"


class TestSanctionAccess(AccessContract):
    list_url = f"{BASE}/sanctions/"
    model = Sanction

    def make(self, regions, region):
        return SanctionFactory(region=region)

    def create_payload(self, regions, region):
        # a sanction needs a tie to the deciding region (issue 12 item 4): a contract there
        contractor = ContractFactory(project__purchaser=region).contractor
        return {
            "contractor": contractor.credit_code,
            "kind": "breach",
            "reason": "未按约定提供服务",
            "region": region.code,
        }


def test_debarment_list_is_public_and_has_no_personal_data(api, regions):
    SanctionFactory(
        region=regions.county_b,
        debar_from=dt.date(2026, 1, 1),
        debar_to=dt.date(2099, 1, 1),
        contractor__contact_phone="13812345678",
    )
    SanctionFactory(region=regions.county_b)  # a penalty without debarment is not listed
    response = api().get(f"{BASE}/debarments/")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    assert "13812345678" not in response.content.decode()
    assert set(data["results"][0]) == {
        "contractor",
        "credit_code",
        "kind",
        "kind_label",
        "region",
        "debar_from",
        "debar_to",
    }


def test_sanction_via_api_with_contract_terminates_it(api, actors, regions):
    contract = ContractFactory(
        project__purchaser=regions.a1, project__status=ProjectStatus.SUPERVISION, status=ContractStatus.ACTIVE
    )
    response = api(actors.county_admin).post(
        f"{BASE}/sanctions/",
        {
            "contractor": contract.contractor.credit_code,
            "contract": contract.pk,
            "kind": "fraud",
            "reason": "虚报服务人次",
            "penalty": "10000.00",
            "terminates_contract": True,
            "debar_from": "2026-12-01",
            "debar_to": "2029-11-30",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    contract.refresh_from_db()
    assert contract.status == ContractStatus.TERMINATED
    assert Decimal(response.json()["penalty"]) == Decimal("10000.00")


def test_sanction_list_query_count(api, actors, regions, django_assert_max_num_queries):
    for _ in range(12):
        SanctionFactory(region=regions.a1)
    client = api(actors.county_admin)
    # grants, count, page with contractor and region
    with django_assert_max_num_queries(4):
        response = client.get(f"{BASE}/sanctions/")
    assert response.json()["count"] == 12
