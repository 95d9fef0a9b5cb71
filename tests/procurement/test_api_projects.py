"""API of projects: access contract, steps as POST actions with 400/409, bids with the track record, query
counts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from procurement.choices import ContractStatus, ProjectStatus
from procurement.models import Project
from tests.contract import AccessContract
from tests.factories.procurement import (
    ProjectFactory,
    SanctionFactory,
    record_result,
)
from tests.procurement.conftest import CRITERIA, PLAN_PAYLOAD, STANDARDS, score_all

BASE = "/api/v1/procurement"


class TestProjectAccess(AccessContract):
    list_url = f"{BASE}/projects/"
    model = Project

    def make(self, regions, region):
        return ProjectFactory(purchaser=region)

    def create_payload(self, regions, region):
        return {
            "purchaser": region.code,
            "year": 2026,
            "title": "照料护理服务",
            "items": ["S-care-tekun"],
            "budget": "500000.00",
            "funding_source": "work_funds",
            "method": "below_limit",
            "standards": STANDARDS,
            "criteria": CRITERIA,
        }


def test_project_list_query_count(api, actors, regions, django_assert_max_num_queries, care_item):
    for _ in range(12):
        project = ProjectFactory(purchaser=regions.a1)
        project.items.add(care_item)
    client = api(actors.county_admin)
    # grants, count, page + purchaser, items, standards, criteria
    with django_assert_max_num_queries(7):
        response = client.get(f"{BASE}/projects/")
    assert response.json()["count"] == 12


def test_project_through_the_api_with_409_on_illegal_steps(api, actors, eligible):
    client = api(actors.county_admin)
    payload = TestProjectAccess().create_payload(None, type("R", (), {"code": "440106"}))
    payload.update(budget="1500000.00", method="open_tender")
    created = client.post(f"{BASE}/projects/", payload, format="json")
    assert created.status_code == 201, created.content
    pid = created.json()["id"]
    assert client.post(f"{BASE}/projects/{pid}/award/", {}, format="json").status_code == 409
    assert (
        client.post(f"{BASE}/projects/{pid}/publish/", {"bid_deadline": "2030-01-01"}, format="json").json()[
            "status"
        ]
        == "published"
    )
    assert client.post(f"{BASE}/projects/{pid}/open/", {}, format="json").status_code == 200
    contractors = eligible(3)
    for contractor, price in zip(contractors, ("1200000", "1400000", "1000000"), strict=True):
        response = client.post(
            f"{BASE}/projects/{pid}/bids/",
            {"contractor": contractor.credit_code, "price": price},
            format="json",
        )
        assert response.status_code == 201, response.content
    project = Project.objects.get(pk=pid)
    bids = list(project.bids.order_by("id"))
    criteria = list(project.criteria.filter(is_price=False).order_by("id"))
    for bid, values in zip(bids, ((35, 25), (38, 28), (20, 15)), strict=True):
        response = client.post(
            f"{BASE}/projects/{pid}/score/",
            {"bid": bid.pk, "scores": {str(c.pk): v for c, v in zip(criteria, values, strict=True)}},
            format="json",
        )
        assert response.status_code == 200, response.content
    ranking = client.get(f"{BASE}/projects/{pid}/ranking/").json()
    assert ranking[0]["contractor"]["id"] == contractors[1].pk
    assert ranking[0]["total"] == "87.43"
    assert {b["name"] for b in ranking[0]["breakdown"]} == {"价格", "服务方案", "团队与资质"}
    awarded = client.post(f"{BASE}/projects/{pid}/award/", {}, format="json")
    assert awarded.status_code == 200 and awarded.json()["status"] == "awarded"
    contract = client.post(
        f"{BASE}/contracts/",
        {
            "project": pid,
            "number": "API-1",
            "amount": "1400000.00",
            "signed_on": "2026-03-01",
            "start_date": "2026-03-15",
            "end_date": "2027-03-14",
        },
        format="json",
    )
    assert contract.status_code == 201, contract.content
    cid = contract.json()["id"]
    refused = client.post(f"{BASE}/contracts/{cid}/start/", {}, format="json")
    assert refused.status_code == 400 and "takeover_plan" in refused.json()["fields"]
    assert (
        client.post(f"{BASE}/contracts/{cid}/takeover-plan/", PLAN_PAYLOAD, format="json").status_code == 200
    )
    started = client.post(f"{BASE}/contracts/{cid}/start/", {}, format="json")
    assert started.json()["status"] == "active"
    standard = started.json()["standards"][0]["id"]
    monitoring = client.post(
        f"{BASE}/contracts/{cid}/monitoring/",
        {
            "checked_on": "2026-05-01",
            "outputs": [{"standard": standard, "actual": "400人次", "met": True}],
            "delivered_by": "own_staff",
            "delivery_staff": "护理员 李敏",
        },
        format="json",
    )
    assert monitoring.status_code == 201, monitoring.content
    report = client.post(
        f"{BASE}/contracts/{cid}/financial-reports/",
        {"period_start": "2026-03-15", "period_end": "2026-06-30", "received": "300000", "spent": "250000"},
        format="json",
    )
    assert report.status_code == 201, report.content
    takeover = client.post(f"{BASE}/contracts/{cid}/takeover/", {"reason": "承接主体停业"}, format="json")
    assert takeover.json()["status"] == ContractStatus.SUSPENDED
    assert takeover.json()["takeover_plan"]["obligations_moved"] == 1
    detail = client.get(f"{BASE}/projects/{pid}/").json()
    assert detail["status"] == ProjectStatus.TAKEN_OVER
    assert [e["action"] for e in detail["events"]][-1] == "takeover"


def test_viewer_cannot_take_steps(api, actors, regions):
    project = ProjectFactory(purchaser=regions.a1)
    assert (
        api(actors.city_viewer).post(f"{BASE}/projects/{project.pk}/publish/", {}, format="json").status_code
        == 403
    )


def test_outsider_steps_are_404(api, actors, regions):
    project = ProjectFactory(purchaser=regions.a1)
    assert (
        api(actors.outsider).post(f"{BASE}/projects/{project.pk}/publish/", {}, format="json").status_code
        == 404
    )


def test_bid_api_refuses_a_debarred_contractor_from_another_county(
    api, actors, regions, purchasing, eligible
):
    project = purchasing()
    (contractor,) = eligible(1)
    SanctionFactory(
        contractor=contractor,
        region=regions.county_b,
        debar_from=dt.date(2026, 1, 1),
        debar_to=dt.date(2099, 1, 1),
    )
    response = api(actors.county_admin).post(
        f"{BASE}/projects/{project.pk}/bids/",
        {"contractor": contractor.credit_code, "price": "100"},
        format="json",
    )
    assert response.status_code == 400
    assert "contractor" in response.json()["fields"]


def test_bids_show_each_contractors_track_record(api, actors, purchasing, eligible):
    project = purchasing()
    (contractor,) = eligible(1)
    record_result(
        contractor,
        published_on=dt.date(2025, 12, 1),
        title="上年项目",
        score=Decimal("58"),
        grade="不合格",
        failed=True,
    )
    client = api(actors.county_admin)
    client.post(
        f"{BASE}/projects/{project.pk}/bids/",
        {"contractor": contractor.credit_code, "price": "100"},
        format="json",
    )
    bids = client.get(f"{BASE}/projects/{project.pk}/bids/").json()
    assert bids[0]["track_record"][0]["failed"] is True
    score_all(actors.county_admin, project, {bids[0]["id"]: (30, 20)})
    ranking = client.get(f"{BASE}/projects/{project.pk}/ranking/").json()
    assert ranking[0]["track_record"][0]["grade"] == "不合格"


def test_project_create_with_bad_weights_is_400_and_saves_nothing(api, actors):
    payload = TestProjectAccess().create_payload(None, type("R", (), {"code": "440106"}))
    payload["criteria"] = [
        {"name": "价格", "weight": "9", "is_price": True},
        {"name": "方案", "weight": "91"},
    ]
    response = api(actors.county_admin).post(f"{BASE}/projects/", payload, format="json")
    assert response.status_code == 400
    assert "criteria" in response.json()["fields"]
    assert not Project.objects.exists()


def test_bids_list_query_count(api, actors, purchasing, eligible, django_assert_max_num_queries):
    project = purchasing()
    for contractor in eligible(8):
        api(actors.county_admin).post(
            f"{BASE}/projects/{project.pk}/bids/",
            {"contractor": contractor.credit_code, "price": "100"},
            format="json",
        )
    client = api(actors.county_admin)
    # grants, project (+ its prefetched items, standards, criteria), bids with contractor
    with django_assert_max_num_queries(6):
        response = client.get(f"{BASE}/projects/{project.pk}/bids/")
    assert len(response.json()) == 8
