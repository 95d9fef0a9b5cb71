"""Terminating a contract hands every open obligation to the takeover party; the takeover can always start after
termination (issue 11 item 4, 粤民发〔2018〕170号 一(七), domain.md 12)."""

from __future__ import annotations

import pytest

from procurement import services
from procurement.choices import ContractStatus, ObligationHolder, ProjectStatus
from procurement.models import Contract
from tests.procurement.test_services_contracts import PLAN, sign


@pytest.fixture
def running(actors, awarded):
    contract = sign(actors, awarded.project, takeover_plan=PLAN)
    services.contract_start(actor=actors.county_admin, contract=contract)
    return contract


def test_a_terminating_sanction_hands_every_open_obligation_to_the_plans_party(actors, running):
    services.sanction_open(
        actor=actors.county_admin,
        contractor=running.contractor,
        kind="subcontracting",
        reason="将服务整体转包",
        contract=running,
        terminate_contract=True,
    )
    running.refresh_from_db()
    assert running.status == ContractStatus.TERMINATED
    holders = list(running.obligations.values_list("holder", flat=True))
    assert holders == [ObligationHolder.PURCHASER_STAFF, ObligationHolder.PURCHASER_STAFF]
    plan = running.takeover_plan
    assert plan.activated_at is not None and (plan.obligations_open, plan.obligations_moved) == (2, 2)
    project = running.project
    project.refresh_from_db()
    assert project.status == ProjectStatus.TERMINATED
    assert list(project.events.values_list("action", flat=True))[-2:] == ["takeover", "terminate"]


def test_a_terminating_sanction_through_the_api_moves_the_obligations(api, actors, running):
    response = api(actors.county_admin).post(
        "/api/v1/procurement/sanctions/",
        {
            "contractor": running.contractor.credit_code,
            "contract": running.pk,
            "kind": "fraud",
            "reason": "虚报服务人次",
            "terminates_contract": True,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert not running.obligations.filter(holder=ObligationHolder.CONTRACTOR).exists()


def test_the_takeover_can_start_on_the_page_after_a_termination_that_moved_nothing(web, actors, running):
    # a contract terminated before this rule (its obligations still with the contractor, the plan not started)
    Contract.objects.filter(pk=running.pk).update(status=ContractStatus.TERMINATED)
    client = web(actors.county_admin)
    page = client.get(f"/procurement/contracts/{running.pk}/").content.decode()
    assert f"/procurement/contracts/{running.pk}/takeover/" in page
    client.post(f"/procurement/contracts/{running.pk}/takeover/", {"takeover-reason": "合同已终止，启动接管"})
    running.refresh_from_db()
    assert running.status == ContractStatus.TERMINATED
    assert not running.obligations.filter(holder=ObligationHolder.CONTRACTOR).exists()
    assert running.takeover_plan.activated_at is not None


def test_the_takeover_api_works_after_termination(api, actors, running):
    Contract.objects.filter(pk=running.pk).update(status=ContractStatus.TERMINATED)
    response = api(actors.county_admin).post(
        f"/api/v1/procurement/contracts/{running.pk}/takeover/", {"reason": "合同已终止"}, format="json"
    )
    assert response.status_code in (200, 201), response.content
    assert not running.obligations.filter(holder=ObligationHolder.CONTRACTOR).exists()
    running.takeover_plan.refresh_from_db()
    assert running.takeover_plan.obligations_moved == 2
