"""API of contracts: access contract, signing only after the award, supervision, query counts."""

from __future__ import annotations

import datetime as dt

from procurement.choices import ContractStatus, ProjectStatus
from procurement.models import Contract
from tests.contract import AccessContract
from tests.factories.procurement import (
    ContractFactory,
    ProjectFactory,
)

BASE = "/api/v1/procurement"


class TestContractAccess(AccessContract):
    list_url = f"{BASE}/contracts/"
    model = Contract

    def make(self, regions, region):
        return ContractFactory(project__purchaser=region)


def test_contract_list_query_count(api, actors, regions, django_assert_max_num_queries):
    for _ in range(12):
        ContractFactory(project__purchaser=regions.a1)
    client = api(actors.county_admin)
    # grants, count, page + project/purchaser/contractor/plan, standards, obligations
    with django_assert_max_num_queries(6):
        response = client.get(f"{BASE}/contracts/")
    assert response.json()["count"] == 12


def test_contract_for_a_project_not_awarded_is_409(api, actors, regions):
    project = ProjectFactory(purchaser=regions.a1, status=ProjectStatus.PURCHASING)
    response = api(actors.county_admin).post(
        f"{BASE}/contracts/",
        {
            "project": project.pk,
            "number": "X-1",
            "amount": "1.00",
            "signed_on": "2026-01-01",
            "start_date": "2026-01-01",
            "end_date": "2026-12-31",
        },
        format="json",
    )
    assert response.status_code == 409
    assert not Contract.objects.exists()


def test_rectification_recorded_through_the_api(api, actors, regions):
    from procurement.models import MonitoringRecord

    contract = ContractFactory(project__purchaser=regions.a1, status=ContractStatus.ACTIVE)
    record = MonitoringRecord.objects.create(
        contract=contract,
        checked_on=dt.date(2026, 5, 1),
        inspector=actors.county_admin,
        problems="人次不足",
        rectification_demanded="增派人员",
        rectification_due=dt.date(2026, 5, 31),
    )
    client = api(actors.county_admin)
    url = f"{BASE}/contracts/{contract.pk}/rectified/"
    response = client.post(
        url, {"record": record.pk, "rectified_on": "2026-05-20", "note": "已增派2人"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["rectified_on"] == "2026-05-20"
    again = client.post(
        url, {"record": record.pk, "rectified_on": "2026-05-21", "note": "再次"}, format="json"
    )
    assert again.status_code == 409
