from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from procurement import services as procurement_services
from procurement.choices import ContractStatus, ProjectStatus
from procurement.models import Sanction
from procurement.selectors import debarred_contractor_ids
from procurement.services import sanction_open
from tests.factories.procurement import ContractFactory, ContractorFactory
from tests.procurement.conftest import all_conditions


@pytest.fixture
def contract(regions):
    return ContractFactory(
        project__purchaser=regions.a1, project__status=ProjectStatus.SUPERVISION, status=ContractStatus.ACTIVE
    )


def test_sanction_with_debarment_is_recorded_and_audited(actors, contract):
    sanction = sanction_open(
        actor=actors.county_admin,
        contractor=contract.contractor,
        kind="fraud",
        reason="虚报服务人次",
        penalty=Decimal("20000.00"),
        debar_from=dt.date(2026, 3, 1),
        debar_to=dt.date(2029, 2, 28),
        contract=contract,
    )
    assert sanction.region == contract.project.purchaser.parent  # the township's county decides
    assert sanction.decided_by == actors.county_admin
    assert LogEntry.objects.get_for_object(sanction).get().actor == actors.county_admin
    assert debarred_contractor_ids([contract.contractor_id], dt.date(2029, 2, 28)) == {contract.contractor_id}
    assert debarred_contractor_ids([contract.contractor_id], dt.date(2029, 3, 1)) == set()


def test_terminating_sanction_ends_contract_and_project_with_an_event(actors, contract):
    sanction_open(
        actor=actors.county_admin,
        contractor=contract.contractor,
        kind="subcontracting",
        reason="将服务整体转包",
        contract=contract,
        terminate_contract=True,
    )
    contract.refresh_from_db()
    assert contract.status == ContractStatus.TERMINATED
    assert contract.project.events.get().to_status == ProjectStatus.TERMINATED


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "nonsense"}, "kind"),
        ({"reason": "  "}, "reason"),
        ({"debar_from": dt.date(2026, 1, 1)}, "debar_to"),
        ({"debar_from": dt.date(2026, 1, 2), "debar_to": dt.date(2026, 1, 1)}, "debar_to"),
    ],
)
def test_bad_sanction_input_saves_nothing(actors, contract, kwargs, field):
    params = {"kind": "breach", "reason": "违约"} | kwargs
    with pytest.raises(ValidationError) as exc:
        sanction_open(actor=actors.county_admin, contractor=contract.contractor, contract=contract, **params)
    assert field in exc.value.message_dict
    assert not Sanction.objects.exists()


def test_sanction_without_contract_or_region_is_refused(actors, regions):
    with pytest.raises(ValidationError):
        sanction_open(actor=actors.county_admin, contractor=ContractorFactory(), kind="breach", reason="x")


def test_contract_of_another_contractor_is_refused(actors, contract):
    with pytest.raises(ValidationError):
        sanction_open(
            actor=actors.county_admin,
            contractor=ContractorFactory(),
            kind="breach",
            reason="x",
            contract=contract,
        )


def test_outsider_and_viewer_cannot_sanction(actors, contract):
    with pytest.raises(Http404):
        sanction_open(
            actor=actors.outsider,
            contractor=contract.contractor,
            kind="breach",
            reason="x",
            contract=contract,
        )
    with pytest.raises(PermissionDenied):
        sanction_open(
            actor=actors.city_viewer,
            contractor=contract.contractor,
            kind="breach",
            reason="x",
            contract=contract,
        )
    assert not Sanction.objects.exists()


# --- who may decide (issue 12 item 4) ---


def test_township_staff_cannot_decide_a_sanction(actors, contract, api):
    with pytest.raises(PermissionDenied):
        sanction_open(
            actor=actors.township_a1,
            contractor=contract.contractor,
            kind="breach",
            reason="x",
            contract=contract,
        )
    response = api(actors.township_a1).post(
        "/api/v1/procurement/sanctions/",
        {
            "contractor": contract.contractor.credit_code,
            "contract": contract.pk,
            "kind": "breach",
            "reason": "x",
        },
        format="json",
    )
    assert response.status_code == 403
    assert not Sanction.objects.exists()


def test_county_staff_cannot_decide_a_sanction(actors, contract):
    with pytest.raises(PermissionDenied):
        sanction_open(
            actor=actors.county_staff,
            contractor=contract.contractor,
            kind="breach",
            reason="x",
            contract=contract,
        )


def test_an_unrelated_county_admin_gets_403_in_own_county_and_404_naming_another(actors, regions, contract):
    """Decided: 403 when the admin names their own county where the contractor has nothing (the contractor's
    existence is public, the refusal says why); 404 when naming a region outside their scope."""
    with pytest.raises(PermissionDenied):
        sanction_open(
            actor=actors.outsider,
            contractor=contract.contractor,
            kind="breach",
            reason="x",
            region=regions.county_b,
            debar_from=dt.date(2027, 1, 1),
            debar_to=dt.date(2027, 12, 31),
        )
    with pytest.raises(Http404):
        sanction_open(
            actor=actors.outsider,
            contractor=contract.contractor,
            kind="breach",
            reason="x",
            region=regions.county_a,
        )
    assert not Sanction.objects.exists()


def test_a_county_admin_decides_where_the_contractor_was_only_reviewed(actors, regions):
    contractor = ContractorFactory(region=regions.county_b)
    procurement_services.review_create(
        actor=actors.county_admin,
        contractor=contractor,
        region=regions.county_a,
        work_kind="service",
        conditions=all_conditions(),
        reviewed_on=dt.date(2026, 1, 2),
    )
    sanction = sanction_open(
        actor=actors.county_admin,
        contractor=contractor,
        kind="fraud",
        reason="提供虚假材料",
        region=regions.county_a,
        debar_from=dt.date(2027, 1, 1),
        debar_to=dt.date(2027, 12, 31),
    )
    # the registering region (county B) sees it, with the deciding authority
    assert Sanction.objects.visible_to(actors.outsider).get() == sanction
    assert sanction.deciding_authority == f"{regions.county_a.name}民政局"


def test_the_public_list_names_the_deciding_authority(client, actors, contract):
    sanction_open(
        actor=actors.county_admin,
        contractor=contract.contractor,
        kind="fraud",
        reason="虚报服务人次",
        contract=contract,
        debar_from=dt.date(2026, 1, 1),
        debar_to=dt.date(2099, 12, 31),
    )
    page = client.get("/procurement/public/debarments/").content.decode()
    assert contract.contractor.name in page
    assert f"{contract.project.purchaser.parent.name}民政局" in page
