"""Contracts, takeover plans, supervision, acceptance, takeover, and the full happy path."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.exceptions import Conflict
from procurement import services
from procurement.choices import ContractStatus, ObligationHolder, ProjectStatus
from procurement.models import Contract, ServiceObligation
from tests.factories.procurement import ContractFactory

PLAN = {
    "party": "purchaser_staff",
    "staff_description": "区社会救助经办人员3名",
    "triggers": "承接主体连续3个工作日未提供服务",
    "handover": "按服务对象名册逐户交接，24小时内完成",
}


def sign(actors, project, **overrides):
    params = dict(
        actor=actors.county_admin,
        project=project,
        number="TH-2026-001",
        amount=project.awarded_bid.price,
        signed_on=dt.date(2026, 3, 1),
        start_date=dt.date(2026, 3, 15),
        end_date=dt.date(2027, 3, 14),
        obligations=[
            {"description": "特困人员上门照料（五山街道）", "recipients": 40},
            {"description": "特困人员上门照料（员村街道）", "recipients": 35},
        ],
    )
    params.update(overrides)
    return services.contract_create(**params)


@pytest.fixture
def running(actors, awarded):
    contract = sign(actors, awarded.project, takeover_plan=PLAN)
    services.contract_start(actor=actors.county_admin, contract=contract)
    return contract


def test_contract_copies_standards_and_keeps_the_no_subcontracting_clause(actors, awarded):
    contract = sign(actors, awarded.project)
    assert contract.contractor == awarded.bids[1].contractor
    assert contract.no_subcontracting
    assert [s.indicator for s in contract.standards.all()] == [
        s.indicator for s in awarded.project.standards.all()
    ]
    awarded.project.refresh_from_db()
    assert awarded.project.status == ProjectStatus.CONTRACTED


def test_contract_amount_over_the_budget_is_refused(actors, awarded):
    with pytest.raises(ValidationError) as exc:
        sign(actors, awarded.project, amount="1500000.01")
    assert "amount" in exc.value.message_dict
    assert not Contract.objects.exists()
    assert sign(actors, awarded.project, amount="1500000.00").amount == Decimal("1500000.00")


def test_contract_cannot_start_without_a_takeover_plan(actors, awarded):
    contract = sign(actors, awarded.project)
    with pytest.raises(ValidationError) as exc:
        services.contract_start(actor=actors.county_admin, contract=contract)
    assert "takeover_plan" in exc.value.message_dict
    contract.refresh_from_db()
    assert contract.status == ContractStatus.SIGNED
    services.takeover_plan_set(actor=actors.county_admin, contract=contract, **PLAN)
    services.contract_start(actor=actors.county_admin, contract=contract)
    assert contract.status == ContractStatus.ACTIVE


def test_a_standby_contractor_plan_cannot_name_the_contractor_itself(actors, awarded):
    contract = sign(actors, awarded.project)
    with pytest.raises(ValidationError):
        services.takeover_plan_set(
            actor=actors.county_admin,
            contract=contract,
            party="standby_contractor",
            standby_contractor=contract.contractor,
            triggers="停止服务",
            handover="逐户交接",
        )


def test_a_contract_before_the_award_is_409(actors, purchasing):
    project = purchasing()
    with pytest.raises(Conflict):
        services.contract_create(
            actor=actors.county_admin,
            project=project,
            number="X",
            amount="1",
            signed_on=dt.date(2026, 1, 1),
            start_date=dt.date(2026, 1, 1),
            end_date=dt.date(2026, 2, 1),
        )


def test_monitoring_records_output_problems_and_rectification(actors, running):
    standards = list(running.standards.all())
    record = services.monitoring_record(
        actor=actors.county_staff,
        contract=running,
        checked_on=dt.date(2026, 6, 1),
        outputs=[{"standard": standards[0].pk, "actual": "560人次", "met": False}],
        problems="上门人次低于进度",
        rectification_demanded="增派护理员2名",
        rectification_due=dt.date(2026, 6, 30),
        delivered_by="own_staff",
        delivery_staff="护理员 李敏",
    )
    services.monitoring_rectified(
        actor=actors.county_staff, record=record, rectified_on=dt.date(2026, 6, 20), note="已增派2名护理员"
    )
    record.refresh_from_db()
    assert record.rectified_on == dt.date(2026, 6, 20)
    with pytest.raises(Conflict):
        services.monitoring_rectified(
            actor=actors.county_staff, record=record, rectified_on=dt.date(2026, 6, 21), note="再次"
        )


def test_an_unmet_standard_needs_the_problem_described(actors, running):
    standard = running.standards.first()
    with pytest.raises(ValidationError) as exc:
        services.monitoring_record(
            actor=actors.county_staff,
            contract=running,
            checked_on=dt.date(2026, 6, 1),
            outputs=[{"standard": standard.pk, "actual": "少", "met": False}],
            delivered_by="own_staff",
            delivery_staff="护理员 李敏",
        )
    assert "problems" in exc.value.message_dict


def test_financial_reports_cannot_overlap(actors, running):
    services.financial_report_submit(
        actor=actors.county_admin,
        contract=running,
        period_start=dt.date(2026, 3, 15),
        period_end=dt.date(2026, 6, 30),
        received="300000",
        spent="280000",
        staff_costs="200000",
    )
    with pytest.raises(ValidationError):
        services.financial_report_submit(
            actor=actors.county_admin,
            contract=running,
            period_start=dt.date(2026, 6, 30),
            period_end=dt.date(2026, 9, 30),
            received="1",
            spent="1",
        )
    with pytest.raises(ValidationError):
        services.financial_report_submit(
            actor=actors.county_admin,
            contract=running,
            period_start=dt.date(2026, 7, 1),
            period_end=dt.date(2026, 9, 30),
            received="10",
            spent="5",
            staff_costs="6",
        )


def test_takeover_moves_every_open_obligation_to_the_standby_contractor(actors, running, eligible):
    standby = eligible(1)[0]
    services.takeover_plan_set(
        actor=actors.county_admin,
        contract=running,
        party="standby_contractor",
        standby_contractor=standby,
        triggers="停止服务",
        handover="逐户交接",
    )
    done = running.obligations.first()
    ServiceObligation.objects.filter(pk=done.pk).update(status="done")
    plan = services.takeover_activate(actor=actors.county_admin, contract=running, reason="承接主体停止服务")
    running.refresh_from_db()
    assert running.status == ContractStatus.SUSPENDED
    assert (plan.obligations_open, plan.obligations_moved) == (1, 1)
    moved = running.obligations.exclude(pk=done.pk).get()
    assert (moved.holder, moved.holder_contractor) == (ObligationHolder.STANDBY_CONTRACTOR, standby)
    assert running.obligations.filter(holder=ObligationHolder.CONTRACTOR, status="open").count() == 0
    running.project.refresh_from_db()
    assert running.project.status == ProjectStatus.TAKEN_OVER
    with pytest.raises(Conflict):
        services.takeover_activate(actor=actors.county_admin, contract=running, reason="再次")


def test_acceptance_checks_every_standard_and_fails_when_one_is_not_met(actors, running):
    standards = list(running.standards.all())
    with pytest.raises(ValidationError):
        services.acceptance_record(
            actor=actors.county_admin,
            contract=running,
            checked_on=dt.date(2026, 3, 20),
            outputs=[{"standard": standards[0].pk, "actual": "1300", "met": True}],
        )
    acceptance = services.acceptance_record(
        actor=actors.county_admin,
        contract=running,
        checked_on=dt.date(2026, 3, 20),
        outputs=[{"standard": s.pk, "actual": "见报告", "met": i != 1} for i, s in enumerate(standards)],
    )
    assert acceptance.result == "failed"


def test_full_happy_path_through_every_stage(actors, awarded):
    project = awarded.project
    contract = sign(actors, project, takeover_plan=PLAN)
    services.contract_start(actor=actors.county_admin, contract=contract)
    standards = list(contract.standards.all())
    services.monitoring_record(
        actor=actors.county_staff,
        contract=contract,
        checked_on=dt.date(2026, 6, 1),
        outputs=[{"standard": s.pk, "actual": "按进度", "met": True} for s in standards],
        delivered_by="own_staff",
        delivery_staff="护理员 李敏、陈静",
    )
    services.financial_report_submit(
        actor=actors.county_admin,
        contract=contract,
        period_start=dt.date(2026, 3, 15),
        period_end=dt.date(2026, 9, 30),
        received="700000",
        spent="650000",
    )
    acceptance = services.acceptance_record(
        actor=actors.county_admin,
        contract=contract,
        checked_on=dt.date(2026, 11, 20),
        outputs=[{"standard": s.pk, "actual": "达标", "met": True} for s in standards],
    )
    assert acceptance.result == "passed"
    assert not contract.obligations.filter(status="open").exists()
    project.refresh_from_db()
    services.project_mark_evaluated(actor=actors.county_admin, project=project, note="绩效评价：良好")
    services.project_close(actor=actors.county_admin, project=project)
    project.refresh_from_db()
    assert project.status == ProjectStatus.CLOSED
    assert [e.action for e in project.events.all()] == [
        "create",
        "publish",
        "open",
        "award",
        "contract",
        "start",
        "evaluate",
        "close",
    ]
    assert all(e.actor for e in project.events.all())


def test_contracts_are_scoped_by_the_purchaser_region(regions, actors):
    mine = ContractFactory(project__purchaser=regions.a1)
    ContractFactory(project__purchaser=regions.b1)
    assert list(Contract.objects.visible_to(actors.township_a1)) == [mine]
    assert mine.region == regions.a1
