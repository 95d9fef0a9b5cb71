"""The purchase stage: who may bid, scores, the award to the best total, too few bids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.exceptions import Conflict
from procurement import selectors, services
from procurement.choices import BidStatus, Method, ProjectStatus
from procurement.models import Bid, Project
from tests.factories.procurement import ContractorFactory, SanctionFactory
from tests.procurement.conftest import score_all


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


def test_a_bid_after_the_deadline_is_refused_and_on_the_deadline_accepted(actors, project_kwargs, eligible):
    project = services.project_create(actor=actors.county_admin, **project_kwargs())
    services.project_publish(
        actor=actors.county_admin,
        project=project,
        announced_on=dt.date(2026, 3, 1),
        bid_deadline=dt.date(2026, 3, 21),
    )
    services.project_open(actor=actors.county_admin, project=project)
    late, on_time = eligible(2)
    with pytest.raises(ValidationError) as exc:
        services.bid_submit(
            actor=actors.county_admin,
            project=project,
            contractor=late,
            price="100",
            submitted_on=dt.date(2026, 3, 22),
        )
    assert "submitted_on" in exc.value.message_dict
    bid = services.bid_submit(
        actor=actors.county_admin,
        project=project,
        contractor=on_time,
        price="100",
        submitted_on=dt.date(2026, 3, 21),
    )
    assert bid.pk
