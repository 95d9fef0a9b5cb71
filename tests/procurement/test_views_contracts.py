"""Pages of contracts: signing, the takeover plan, start and takeover."""

from __future__ import annotations

import datetime as dt

import pytest

from procurement import services
from procurement.choices import ContractStatus
from procurement.models import Contract
from tests.procurement.conftest import PLAN_PAYLOAD


@pytest.fixture
def contract(actors, awarded):
    contract = services.contract_create(
        actor=actors.county_admin,
        project=awarded.project,
        number="WEB-1",
        amount="1400000.00",
        signed_on=dt.date(2026, 3, 1),
        start_date=dt.date(2026, 3, 15),
        end_date=dt.date(2027, 3, 14),
    )
    return contract


def test_contract_page_takeover_plan_start_and_takeover(web, actors, contract):
    client = web(actors.county_admin)
    response = client.post(f"/procurement/contracts/{contract.pk}/start/", follow=True)
    assert "临时接管预案" in response.content.decode()
    client.post(
        f"/procurement/contracts/{contract.pk}/plan/", {f"plan-{k}": v for k, v in PLAN_PAYLOAD.items()}
    )
    client.post(f"/procurement/contracts/{contract.pk}/start/")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
    client.post(f"/procurement/contracts/{contract.pk}/takeover/", {"takeover-reason": "承接主体停业"})
    contract.refresh_from_db()
    assert contract.status == ContractStatus.SUSPENDED
    body = client.get(f"/procurement/contracts/{contract.pk}/").content.decode()
    assert "无遗漏" in body


def test_contract_created_through_the_page(web, actors, awarded):
    response = web(actors.county_admin).post(
        f"/procurement/projects/{awarded.project.pk}/contract/",
        {
            "number": "WEB-2",
            "amount": "1400000.00",
            "signed_on": "2026-03-01",
            "start_date": "2026-03-15",
            "end_date": "2027-03-14",
            **{f"plan-{k}": v for k, v in PLAN_PAYLOAD.items()},
        },
    )
    contract = Contract.objects.get(number="WEB-2")
    assert response.status_code == 302
    assert contract.takeover_plan.triggers == PLAN_PAYLOAD["triggers"]
