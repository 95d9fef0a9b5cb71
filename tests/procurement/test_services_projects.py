"""Projects through the stages: selection rules, publication, failure, method switch, re-tender and illegal steps."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.exceptions import Conflict
from procurement import selectors, services
from procurement.choices import Method, ProjectStatus
from procurement.models import CatalogueItem, Project, ProjectEvent, ThresholdSet
from tests.procurement.conftest import CRITERIA


def refused(actors, project_kwargs, field, **overrides):
    before = Project.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.project_create(actor=actors.county_admin, **project_kwargs(**overrides))
    assert field in exc.value.message_dict, exc.value.message_dict
    assert Project.objects.count() == before
    return exc.value.message_dict[field]


def test_a_project_is_created_with_standards_scheme_and_a_creation_event(actors, project_kwargs):
    project = services.project_create(actor=actors.county_admin, **project_kwargs())
    assert project.status == ProjectStatus.SELECTED
    assert project.standards.count() == 3
    assert project.criteria.get(is_price=True).weight == 30
    assert project.events.get().action == "create"


def test_a_government_only_item_is_refused(actors, project_kwargs, care_item):
    item = CatalogueItem.objects.get(code="G-approval")
    message = refused(actors, project_kwargs, "items", items=[care_item, item])
    assert "不得向社会力量购买" in message[0]


def test_a_village_cannot_be_a_purchaser(actors, project_kwargs, regions):
    refused(actors, project_kwargs, "purchaser", purchaser=regions.a1_village)


def test_a_township_may_purchase(actors, project_kwargs, regions):
    project = services.project_create(actor=actors.township_a1, **project_kwargs(purchaser=regions.a1))
    assert project.purchaser == regions.a1


def test_weights_not_summing_to_100_are_refused(actors, project_kwargs):
    criteria = [dict(c) for c in CRITERIA]
    criteria[1]["weight"] = "39"
    refused(actors, project_kwargs, "criteria", criteria=criteria)


def test_price_weight_above_the_local_cap_is_refused(actors, project_kwargs):
    criteria = [{"name": "价格", "weight": "31", "is_price": True}, {"name": "方案", "weight": "69"}]
    refused(actors, project_kwargs, "criteria", criteria=criteria)


def test_a_county_threshold_row_overrides_the_province(actors, project_kwargs, regions):
    ThresholdSet.objects.create(
        year=2025,
        region=regions.county_a,
        procurement_limit=Decimal("500000"),
        open_tender_threshold=Decimal("1000000"),
        price_weight_max=Decimal(40),
    )
    criteria = [{"name": "价格", "weight": "40", "is_price": True}, {"name": "方案", "weight": "60"}]
    services.project_create(actor=actors.county_admin, **project_kwargs(criteria=criteria))
    refused(
        actors,
        project_kwargs,
        "approval_reference",
        method=Method.CONSULTATION,
        method_condition="service_purchase",
        budget=Decimal("1000000"),
    )


def test_a_method_other_than_open_tender_at_the_threshold_needs_approval(actors, project_kwargs):
    refused(
        actors,
        project_kwargs,
        "approval_reference",
        method=Method.NEGOTIATION,
        method_condition="urgent",
        budget=Decimal("2000000.00"),
    )
    project = services.project_create(
        actor=actors.county_admin,
        **project_kwargs(
            method=Method.NEGOTIATION,
            method_condition="urgent",
            budget=Decimal("2000000.00"),
            approval_reference="穗财采函〔2026〕8号",
        ),
    )
    assert project.approval_reference == "穗财采函〔2026〕8号"


def test_single_source_needs_its_condition(actors, project_kwargs):
    refused(actors, project_kwargs, "method_condition", method=Method.SINGLE_SOURCE)


def test_below_limit_purchase_at_the_limit_is_refused(actors, project_kwargs):
    refused(actors, project_kwargs, "method", method=Method.BELOW_LIMIT, budget=Decimal("1000000.00"))


def test_standards_must_cover_quantity_quality_and_timeliness(actors, project_kwargs):
    refused(
        actors,
        project_kwargs,
        "standards",
        standards=[{"dimension": "quantity", "indicator": "人次", "target": "100"}],
    )


def test_viewer_cannot_create_a_project(actors, project_kwargs):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.project_create(actor=actors.city_viewer, **project_kwargs())


def test_a_failed_tender_switches_to_negotiation_with_the_reason(actors, purchasing, eligible):
    project = purchasing()
    services.project_fail(actor=actors.county_admin, project=project, reason="无供应商响应")
    services.project_switch_method(
        actor=actors.county_admin,
        project=project,
        method=Method.NEGOTIATION,
        method_condition="tender_failed",
        reason="公开招标无供应商投标",
    )
    project.refresh_from_db()
    assert (project.status, project.method, project.round) == (ProjectStatus.PUBLISHED, Method.NEGOTIATION, 2)
    assert "公开招标 → 竞争性谈判" in project.events.get(action="switch_method").note


def test_switching_method_still_obeys_the_method_rules(actors, purchasing):
    project = purchasing(budget=Decimal("2500000"))
    services.project_fail(actor=actors.county_admin, project=project, reason="无供应商响应")
    with pytest.raises(ValidationError) as exc:
        services.project_switch_method(
            actor=actors.county_admin,
            project=project,
            method=Method.NEGOTIATION,
            method_condition="tender_failed",
            reason="招标失败",
        )
    assert "approval_reference" in exc.value.message_dict


def test_retender_opens_a_new_round_where_old_bids_do_not_count(actors, purchasing, eligible):
    project = purchasing()
    contractor = eligible(1)[0]
    services.bid_submit(actor=actors.county_admin, project=project, contractor=contractor, price="100")
    services.project_fail(actor=actors.county_admin, project=project, reason="仅1家响应")
    services.project_retender(actor=actors.county_admin, project=project)
    services.project_open(actor=actors.county_admin, project=project)
    project.refresh_from_db()
    assert project.round == 2
    services.bid_submit(actor=actors.county_admin, project=project, contractor=contractor, price="90")
    results = selectors.ranking(project)[0]
    assert [r.price for r in results] == [Decimal("90")]


def test_illegal_steps_are_409_and_leave_no_event(actors, project_kwargs):
    project = services.project_create(actor=actors.county_admin, **project_kwargs())
    with pytest.raises(Conflict):
        services.project_award(actor=actors.county_admin, project=project)
    with pytest.raises(Conflict):
        services.project_open(actor=actors.county_admin, project=project)
    assert ProjectEvent.objects.filter(project=project).count() == 1


def test_a_stale_copy_cannot_move_the_project_twice(actors, project_kwargs):
    project = services.project_create(actor=actors.county_admin, **project_kwargs())
    stale = Project.objects.get(pk=project.pk)
    services.project_publish(actor=actors.county_admin, project=project)
    with pytest.raises(Conflict):
        services.project_publish(actor=actors.county_staff, project=stale)
    assert project.events.filter(action="publish").count() == 1


def test_single_source_additions_to_a_contract_stop_at_ten_percent(actors, project_kwargs, regions):
    from tests.factories.procurement import ContractFactory

    original = ContractFactory(project__purchaser=regions.county_a, amount=Decimal("1000000.00"))
    addition = dict(method=Method.SINGLE_SOURCE, method_condition="addition", original_contract=original)
    first = services.project_create(
        actor=actors.county_admin, **project_kwargs(budget=Decimal("60000.00"), **addition)
    )
    assert first.original_contract == original
    refused(actors, project_kwargs, "budget", budget=Decimal("40000.01"), **addition)
    second = services.project_create(
        actor=actors.county_admin, **project_kwargs(budget=Decimal("40000.00"), **addition)
    )
    assert second.pk
    # a failed addition no longer counts against the cap
    Project.objects.filter(pk=second.pk).update(status=ProjectStatus.FAILED)
    services.project_create(
        actor=actors.county_admin, **project_kwargs(budget=Decimal("40000.00"), **addition)
    )


def test_an_addition_to_another_purchasers_contract_is_refused(actors, project_kwargs, regions):
    from tests.factories.procurement import ContractFactory

    foreign = ContractFactory(project__purchaser=regions.a2, amount=Decimal("1000000.00"))
    refused(
        actors,
        project_kwargs,
        "original_contract",
        method=Method.SINGLE_SOURCE,
        method_condition="addition",
        original_contract=foreign,
        budget=Decimal("1000"),
    )


def test_a_local_item_of_another_county_is_refused(actors, project_kwargs, regions, care_item):
    item = services.catalogue_item_create(
        actor=actors.outsider,
        region=regions.county_b,
        code="L-LH-1",
        name="罗湖探访",
        work_kind="service",
        assistance="all",
    )
    refused(actors, project_kwargs, "items", items=[care_item, item])


def test_a_terminated_project_allows_no_further_step(actors, purchasing):
    project = purchasing()
    services.project_terminate(actor=actors.county_admin, project=project, reason="预算调整，项目取消")
    with pytest.raises(Conflict):
        services.project_retender(actor=actors.county_admin, project=project)
    assert project.events.last().note == "预算调整，项目取消"
