"""Projects through the stages: selection rules, bids, scoring, award, failure, and illegal steps."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.exceptions import Conflict
from procurement import selectors, services
from procurement.choices import BidStatus, Method, ProjectStatus
from procurement.models import Bid, CatalogueItem, Project, ProjectEvent, ThresholdSet
from tests.factories.procurement import ContractorFactory, SanctionFactory
from tests.procurement.conftest import CRITERIA, score_all


def refused(actors, project_kwargs, field, **overrides):
    before = Project.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.project_create(actor=actors.county_admin, **project_kwargs(**overrides))
    assert field in exc.value.message_dict, exc.value.message_dict
    assert Project.objects.count() == before
    return exc.value.message_dict[field]


# --- selection ---


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


# --- bids ---


def test_an_unreviewed_contractor_cannot_bid(actors, purchasing):
    project = purchasing()
    with pytest.raises(ValidationError) as exc:
        services.bid_submit(
            actor=actors.county_admin, project=project, contractor=ContractorFactory(), price="1"
        )
    assert "资格审查" in exc.value.message_dict["contractor"][0]
    assert not Bid.objects.exists()


def test_a_failed_review_does_not_qualify(actors, purchasing, regions):
    from tests.procurement.conftest import all_conditions

    contractor = ContractorFactory()
    review = services.review_create(
        actor=actors.county_admin,
        contractor=contractor,
        region=regions.county_a,
        work_kind="service",
        conditions=all_conditions(
            finance={"condition": "finance", "met": False, "evidence_note": "无财务制度"}
        ),
    )
    assert review.result == "failed"
    with pytest.raises(ValidationError):
        services.bid_submit(actor=actors.county_admin, project=purchasing(), contractor=contractor, price="1")


def test_a_review_by_another_county_does_not_qualify(actors, purchasing, eligible, regions):
    (contractor,) = eligible(1, region=regions.county_b)
    with pytest.raises(ValidationError):
        services.bid_submit(actor=actors.county_admin, project=purchasing(), contractor=contractor, price="1")


def test_a_county_review_qualifies_for_a_township_project(actors, purchasing, eligible, regions):
    (contractor,) = eligible(1)
    bid = services.bid_submit(
        actor=actors.township_a1, project=purchasing(purchaser=regions.a1), contractor=contractor, price="100"
    )
    assert bid.status == BidStatus.VALID


def test_a_contractor_debarred_by_another_county_is_refused(actors, purchasing, eligible, regions):
    (contractor,) = eligible(1)
    SanctionFactory(
        contractor=contractor,
        region=regions.county_b,
        debar_from=dt.date(2026, 1, 1),
        debar_to=dt.date(2028, 12, 31),
    )
    with pytest.raises(ValidationError) as exc:
        services.bid_submit(
            actor=actors.county_admin, project=purchasing(), contractor=contractor, price="100"
        )
    assert "禁止" in exc.value.message_dict["contractor"][0]


def test_a_debarment_ending_the_day_before_the_bid_no_longer_applies(actors, purchasing, eligible, regions):
    (contractor,) = eligible(1)
    SanctionFactory(
        contractor=contractor,
        region=regions.county_b,
        debar_from=dt.date(2026, 1, 1),
        debar_to=dt.date(2026, 3, 31),
    )
    bid = services.bid_submit(
        actor=actors.county_admin,
        project=purchasing(),
        contractor=contractor,
        price="100",
        submitted_on=dt.date(2026, 4, 1),
    )
    assert bid.pk


def test_a_price_above_the_budget_and_a_second_bid_are_refused(actors, purchasing, eligible):
    project = purchasing()
    (contractor,) = eligible(1)
    with pytest.raises(ValidationError):
        services.bid_submit(
            actor=actors.county_admin, project=project, contractor=contractor, price="1500000.01"
        )
    services.bid_submit(actor=actors.county_admin, project=project, contractor=contractor, price="1500000.00")
    with pytest.raises(ValidationError):
        services.bid_submit(actor=actors.county_admin, project=project, contractor=contractor, price="100")


def test_bids_before_the_purchase_opens_are_409(actors, project_kwargs, eligible):
    project = services.project_create(actor=actors.county_admin, **project_kwargs())
    (contractor,) = eligible(1)
    with pytest.raises(Conflict):
        services.bid_submit(actor=actors.county_admin, project=project, contractor=contractor, price="100")


def test_a_score_above_the_criterion_weight_is_refused(actors, purchasing, eligible):
    project = purchasing()
    (contractor,) = eligible(1)
    bid = services.bid_submit(actor=actors.county_admin, project=project, contractor=contractor, price="100")
    criterion = project.criteria.get(name="服务方案")
    with pytest.raises(ValidationError):
        services.bid_score(actor=actors.county_admin, bid=bid, scores={criterion.pk: "40.01"})
    price = project.criteria.get(is_price=True)
    with pytest.raises(ValidationError):
        services.bid_score(actor=actors.county_admin, bid=bid, scores={price.pk: "10"})


# --- award ---


def test_award_goes_to_the_best_total_not_the_lowest_price(awarded):
    project, bids = awarded.project, awarded.bids
    # bid 1: price 30×1.0m/1.4m = 21.43 + 66 = 87.43 beats the cheapest (30 + 35 = 65)
    assert project.status == ProjectStatus.AWARDED
    assert project.awarded_bid == bids[1]
    assert "87.43" in project.events.get(action="award").note


def test_ranking_shows_each_evaluators_mean_per_criterion(actors, awarded):
    project = awarded.project
    other = actors.county_staff
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.PURCHASING)
    project.refresh_from_db()
    score_all(other, project, {awarded.bids[2].pk: (30, 20)})
    results, bids, criteria = selectors.ranking(project)
    cheapest = next(r for r in results if r.bid_id == awarded.bids[2].pk)
    plan = next(c for c in criteria if c.name == "服务方案")
    assert cheapest.breakdown[plan.pk] == Decimal("25.00")
    assert cheapest.evaluators == 2


def test_open_tender_with_two_bids_cannot_be_awarded_and_fails(actors, purchasing, eligible):
    project = purchasing()
    for contractor in eligible(2):
        services.bid_submit(actor=actors.county_admin, project=project, contractor=contractor, price="100")
    with pytest.raises(Conflict) as exc:
        services.project_award(actor=actors.county_admin, project=project)
    assert exc.value.code == "too_few_bids"
    services.project_fail(actor=actors.county_admin, project=project, reason="仅2家响应，招标失败")
    project.refresh_from_db()
    assert project.status == ProjectStatus.FAILED


def test_a_consultation_on_services_may_award_with_two_suppliers(actors, purchasing, eligible):
    project = purchasing(method=Method.CONSULTATION, method_condition="service_purchase")
    bids = [
        services.bid_submit(actor=actors.county_admin, project=project, contractor=c, price=p)
        for c, p in zip(eligible(2), ("900000", "1000000"), strict=True)
    ]
    score_all(actors.county_admin, project, {bids[0].pk: (30, 20), bids[1].pk: (35, 25)})
    services.project_award(actor=actors.county_admin, project=project)
    project.refresh_from_db()
    assert project.awarded_bid == bids[1]


def test_a_consultation_with_one_supplier_cannot_be_awarded(actors, purchasing, eligible):
    project = purchasing(method=Method.CONSULTATION, method_condition="service_purchase")
    (contractor,) = eligible(1)
    services.bid_submit(actor=actors.county_admin, project=project, contractor=contractor, price="100")
    with pytest.raises(Conflict):
        services.project_award(actor=actors.county_admin, project=project)


def test_award_needs_every_bid_scored(actors, purchasing, eligible):
    project = purchasing()
    bids = [
        services.bid_submit(actor=actors.county_admin, project=project, contractor=c, price="100")
        for c in eligible(3)
    ]
    score_all(actors.county_admin, project, {bids[0].pk: (30, 20), bids[1].pk: (30, 20)})
    with pytest.raises(ValidationError):
        services.project_award(actor=actors.county_admin, project=project)


def test_a_bid_of_a_contractor_debarred_after_bidding_leaves_the_ranking(
    actors, purchasing, eligible, regions
):
    project = purchasing()
    bids = [
        services.bid_submit(actor=actors.county_admin, project=project, contractor=c, price="100")
        for c in eligible(3)
    ]
    score_all(actors.county_admin, project, {b.pk: (30, 20) for b in bids})
    SanctionFactory(
        contractor=bids[0].contractor,
        region=regions.county_b,
        debar_from=dt.date(2026, 1, 1),
        debar_to=dt.date(2030, 1, 1),
    )
    with pytest.raises(Conflict) as exc:
        services.project_award(actor=actors.county_admin, project=project)
    assert exc.value.code == "too_few_bids"


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


def test_a_bid_after_the_deadline_is_refused_and_on_the_deadline_accepted(actors, project_kwargs, eligible):
    project = services.project_create(actor=actors.county_admin, **project_kwargs())
    services.project_publish(
        actor=actors.county_admin,
        project=project,
        announced_on=dt.date(2026, 3, 1),
        bid_deadline=dt.date(2026, 3, 20),
    )
    services.project_open(actor=actors.county_admin, project=project)
    late, on_time = eligible(2)
    with pytest.raises(ValidationError) as exc:
        services.bid_submit(
            actor=actors.county_admin,
            project=project,
            contractor=late,
            price="100",
            submitted_on=dt.date(2026, 3, 21),
        )
    assert "submitted_on" in exc.value.message_dict
    bid = services.bid_submit(
        actor=actors.county_admin,
        project=project,
        contractor=on_time,
        price="100",
        submitted_on=dt.date(2026, 3, 20),
    )
    assert bid.pk


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
