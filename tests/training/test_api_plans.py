"""Plans and sessions over the API: access contract, plans with items, planned trainings, sessions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.contract import AccessContract
from tests.factories.training import (
    PlannedTrainingFactory,
    TrainingPlanFactory,
    TrainingSessionFactory,
    aware,
)
from training.models import TrainingPlan, TrainingSession

pytestmark = pytest.mark.django_db


def session_fields(year=2026, **over):
    fields = dict(
        title="岗前培训班",
        training_type="pre_job",
        form="policy",
        starts_at=aware(year, 4, 10, 9),
        ends_at=aware(year, 4, 10, 17),
        hours=Decimal("6"),
        place="天河区民政局",
    )
    fields.update(over)
    return fields


class TestPlanAccessContract(AccessContract):
    list_url = "/api/v1/training/plans/"
    model = TrainingPlan

    def make(self, regions, region):
        # plans belong to organisers: a township's records live under its county
        county = {"440106001": regions.county_a, "440106002": regions.county_a, "440303001": regions.county_b}
        organiser = county.get(region.code, region)
        if region.code == "440106002":
            # a sibling record: a plan of another county under the same city is outside township A1 too
            from tests.factories import RegionFactory

            organiser = RegionFactory(code="440104", name="越秀区")
        return TrainingPlanFactory(region=organiser, year=2026)

    def create_payload(self, regions, region):
        organiser = regions.county_b if region.code.startswith("4403") else regions.county_a
        return {"region": organiser.code, "year": 2027, "title": "年度计划"}

    def test_list_shows_only_records_in_scope(self, regions, actors, api):
        # township staff see nothing of a county plan; the county sees its own, not the neighbour's
        mine = self.make(regions, regions.a1)
        other = self.make(regions, regions.b1)
        ids = self.result_ids(api(actors.county_admin).get(self.list_url))
        assert str(mine.id) in ids and str(other.id) not in ids
        assert self.result_ids(api(actors.township_a1).get(self.list_url)) == set()
        assert str(other.id) in self.result_ids(api(actors.provincial_viewer).get(self.list_url))


class TestSessionAccessContract(AccessContract):
    list_url = "/api/v1/training/sessions/"
    model = TrainingSession

    def make(self, regions, region):
        organiser = regions.county_b if region.code.startswith("4403") else regions.county_a
        return TrainingSessionFactory(plan=TrainingPlanFactory(region=organiser, year=2026))

    def create_payload(self, regions, region):
        organiser = regions.county_b if region.code.startswith("4403") else regions.county_a
        plan = TrainingPlanFactory(region=organiser, year=2026)
        fields = session_fields()
        fields["starts_at"] = fields["starts_at"].isoformat()
        fields["ends_at"] = fields["ends_at"].isoformat()
        fields["hours"] = "6.0"
        return {"plan": plan.pk, **fields}

    def test_list_shows_only_records_in_scope(self, regions, actors, api):
        mine = self.make(regions, regions.a1)
        other = self.make(regions, regions.b1)
        ids = self.result_ids(api(actors.county_admin).get(self.list_url))
        assert str(mine.id) in ids and str(other.id) not in ids
        assert str(other.id) in self.result_ids(api(actors.provincial_viewer).get(self.list_url))


class TestPlanApi:
    def test_create_plan_with_items_in_one_call(self, regions, actors, api):
        response = api(actors.county_admin).post(
            "/api/v1/training/plans/",
            {
                "region": "440106",
                "year": 2026,
                "title": "天河区2026年培训计划",
                "items": [
                    {
                        "title": "新入职岗前培训",
                        "training_type": "pre_job",
                        "form": "policy",
                        "month": 3,
                        "budget": "5000.00",
                    },
                    {"title": "年度轮训", "training_type": "rotation", "form": "case", "month": 9},
                ],
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        assert [i["title"] for i in response.json()["items"]] == ["新入职岗前培训", "年度轮训"]

    def test_bad_item_saves_no_plan(self, regions, actors, api):
        response = api(actors.county_admin).post(
            "/api/v1/training/plans/",
            {
                "region": "440106",
                "year": 2026,
                "title": "x",
                "items": [{"title": "y", "training_type": "nope", "form": "policy"}],
            },
            format="json",
        )
        assert response.status_code == 400
        assert TrainingPlan.objects.count() == 0

    def test_viewer_cannot_create_a_plan(self, regions, actors, api):
        response = api(actors.city_viewer).post(
            "/api/v1/training/plans/", {"region": "4401", "year": 2026, "title": "x"}, format="json"
        )
        assert response.status_code == 400
        assert TrainingPlan.objects.count() == 0

    def test_plan_list_query_count_does_not_grow_with_plans(
        self, regions, actors, api, django_assert_max_num_queries
    ):
        from tests.factories import RegionFactory

        for code in ("440103", "440104", "440105", "440111", "440112"):
            plan = TrainingPlanFactory(region=RegionFactory(code=code), year=2026)
            PlannedTrainingFactory.create_batch(3, plan=plan)
        # grants, count, page of plans (+region join), prefetch of items
        with django_assert_max_num_queries(4):
            response = api(actors.provincial_viewer).get("/api/v1/training/plans/?year=2026")
        assert response.json()["count"] == 5

    def test_session_list_query_count_does_not_grow_with_sessions(
        self, regions, actors, api, django_assert_max_num_queries
    ):
        plan = TrainingPlanFactory(region=regions.county_a)
        TrainingSessionFactory.create_batch(8, plan=plan)
        # grants, count, page of sessions (+region, plan joins, attendance count)
        with django_assert_max_num_queries(3):
            response = api(actors.county_admin).get("/api/v1/training/sessions/?year=2026")
        assert response.json()["count"] == 8

    def test_session_before_plan_year_is_a_400_over_the_api(self, regions, actors, api):
        plan = TrainingPlanFactory(region=regions.county_a, year=2026)
        response = api(actors.county_admin).post(
            "/api/v1/training/sessions/",
            {
                "plan": plan.pk,
                **{
                    k: str(v) if not isinstance(v, dt.datetime) else v.isoformat()
                    for k, v in session_fields(
                        starts_at=aware(2025, 12, 1), ends_at=aware(2025, 12, 1, 17)
                    ).items()
                },
            },
            format="json",
        )
        assert response.status_code == 400
        assert "starts_at" in response.json()["fields"]

    def test_complete_twice_is_409(self, regions, actors, api):
        session = TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a))
        client = api(actors.county_admin)
        assert client.post(f"/api/v1/training/sessions/{session.pk}/complete/").status_code == 200
        assert client.post(f"/api/v1/training/sessions/{session.pk}/complete/").status_code == 409


def test_planned_training_can_be_changed_and_removed_over_the_api(regions, actors, api):
    item = PlannedTrainingFactory(plan=TrainingPlanFactory(region=regions.county_a))
    client = api(actors.county_admin)
    url = f"/api/v1/training/plans/{item.plan_id}/items/{item.pk}/"
    response = client.patch(url, {"month": 10, "budget": "8000.00"}, format="json")
    assert response.status_code == 200 and response.json()["month"] == 10
    assert client.patch(url, {"month": 13}, format="json").status_code == 400
    assert api(actors.outsider).delete(url).status_code == 404
    assert client.delete(url).status_code == 204
    assert not item.plan.items.exists()


def test_a_plan_itself_cannot_be_deleted(regions, actors, api):
    plan = TrainingPlanFactory(region=regions.county_a)
    assert api(actors.county_admin).delete(f"/api/v1/training/plans/{plan.pk}/").status_code == 405
