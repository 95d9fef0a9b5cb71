"""Plans and sessions: services, API and pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.http import Http404

from core.exceptions import Conflict
from tests.contract import AccessContract
from tests.factories.training import (
    PlannedTrainingFactory,
    TrainingPlanFactory,
    TrainingSessionFactory,
    aware,
)
from training import services
from training.choices import OrganiserStatus, SessionStatus
from training.models import OrganiserCompliance, TrainingPlan, TrainingSession

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


class TestPlanServices:
    def test_county_admin_creates_the_county_plan_with_an_audit_row(self, regions, actors):
        plan = services.plan_create(
            actor=actors.county_admin, region=regions.county_a, year=2026, title="天河区2026年计划"
        )
        assert LogEntry.objects.get_for_object(plan).get().actor == actors.county_admin

    def test_second_plan_for_the_same_organiser_and_year_is_refused(self, regions, actors):
        services.plan_create(actor=actors.county_admin, region=regions.county_a, year=2026, title="一")
        with pytest.raises(ValidationError) as exc:
            services.plan_create(actor=actors.county_admin, region=regions.county_a, year=2026, title="二")
        assert "year" in exc.value.message_dict
        assert TrainingPlan.objects.count() == 1

    def test_township_cannot_organise_a_plan(self, regions, actors):
        with pytest.raises(ValidationError) as exc:
            services.plan_create(actor=actors.township_a1, region=regions.a1, year=2026, title="街道计划")
        assert "region" in exc.value.message_dict

    def test_outsider_cannot_plan_for_another_county(self, regions, actors):
        with pytest.raises(Http404):
            services.plan_create(actor=actors.outsider, region=regions.county_a, year=2026, title="x")

    def test_planned_training_makes_the_organiser_planned(self, regions, actors, committed):
        plan = TrainingPlanFactory(region=regions.county_a)
        with committed():
            services.planned_training_create(
                actor=actors.county_admin,
                plan=plan,
                title="轮训",
                training_type="rotation",
                form="case",
                month=9,
            )
        snap = OrganiserCompliance.objects.get(region=regions.county_a, year=2026)
        assert snap.status in (
            OrganiserStatus.PLANNED,
            OrganiserStatus.MISSING,
        )  # MISSING only if 2026 is over
        assert snap.planned_trainings == 1


class TestSessionServices:
    def test_session_before_its_plan_year_is_refused_and_nothing_saved(self, regions, actors):
        plan = TrainingPlanFactory(region=regions.county_a, year=2026)
        with pytest.raises(ValidationError) as exc:
            services.session_create(
                actor=actors.county_admin,
                plan=plan,
                **session_fields(starts_at=aware(2025, 12, 30), ends_at=aware(2025, 12, 30, 17)),
            )
        assert "早于计划年度" in exc.value.message_dict["starts_at"][0]
        assert TrainingSession.objects.count() == 0

    def test_session_hours_over_its_length_are_refused(self, regions, actors):
        plan = TrainingPlanFactory(region=regions.county_a, year=2026)
        with pytest.raises(ValidationError) as exc:
            services.session_create(
                actor=actors.county_admin, plan=plan, **session_fields(hours=Decimal("9"))
            )
        assert "hours" in exc.value.message_dict
        assert TrainingSession.objects.count() == 0

    def test_session_gets_a_unique_sign_in_code_and_the_plan_region(self, regions, actors):
        plan = TrainingPlanFactory(region=regions.county_a, year=2026)
        a = services.session_create(actor=actors.county_admin, plan=plan, **session_fields())
        b = services.session_create(actor=actors.county_admin, plan=plan, **session_fields())
        assert a.sign_in_code != b.sign_in_code and len(a.sign_in_code) == 6
        assert a.region == regions.county_a

    def test_session_from_a_planned_training_takes_its_type_and_form(self, regions, actors):
        item = PlannedTrainingFactory(
            plan=TrainingPlanFactory(region=regions.county_a), training_type="advanced"
        )
        fields = session_fields()
        del fields["training_type"], fields["form"], fields["title"]
        session = services.session_create(actor=actors.county_admin, plan=item.plan, planned=item, **fields)
        assert (session.training_type, session.form, session.title) == ("advanced", item.form, item.title)

    def test_holding_a_session_marks_the_county_done_for_the_year(self, regions, actors, committed):
        session = TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a, year=2026))
        with committed():
            services.session_complete(actor=actors.county_admin, session=session)
        snap = OrganiserCompliance.objects.get(region=regions.county_a, year=2026)
        assert (snap.status, snap.sessions_held) == (OrganiserStatus.DONE, 1)

    def test_a_held_session_cannot_be_completed_again_or_cancelled(self, regions, actors):
        session = TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a))
        services.session_complete(actor=actors.county_admin, session=session)
        with pytest.raises(Conflict):
            services.session_complete(
                actor=actors.county_admin, session=TrainingSession.objects.get(pk=session.pk)
            )
        with pytest.raises(Conflict):
            services.session_cancel(
                actor=actors.county_admin, session=TrainingSession.objects.get(pk=session.pk), reason="x"
            )

    def test_two_people_completing_from_the_same_read_do_not_both_win(self, regions, actors):
        session = TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a))
        first = TrainingSession.objects.get(pk=session.pk)
        second = TrainingSession.objects.get(pk=session.pk)
        services.session_cancel(actor=actors.county_admin, session=first, reason="台风")
        with pytest.raises(Conflict):
            services.session_complete(actor=actors.county_staff, session=second)
        assert TrainingSession.objects.get(pk=session.pk).status == SessionStatus.CANCELLED

    def test_editing_a_held_session_is_a_conflict(self, regions, actors):
        session = TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a), status="held")
        with pytest.raises(Conflict):
            services.session_update(actor=actors.county_admin, session=session, title="改名")


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
        assert "starts_at" in response.json()

    def test_complete_twice_is_409(self, regions, actors, api):
        session = TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a))
        client = api(actors.county_admin)
        assert client.post(f"/api/v1/training/sessions/{session.pk}/complete/").status_code == 200
        assert client.post(f"/api/v1/training/sessions/{session.pk}/complete/").status_code == 409


class TestPlanPages:
    def test_calendar_shows_planned_items_and_sessions_by_month(self, regions, actors, web):
        plan = TrainingPlanFactory(region=regions.county_a, year=2026)
        PlannedTrainingFactory(plan=plan, title="九月轮训", month=9)
        TrainingSessionFactory(plan=plan, title="五月岗前班")
        page = web(actors.county_admin).get("/training/?region=440106&year=2026")
        assert page.status_code == 200
        text = page.content.decode()
        assert "九月轮训" in text and "五月岗前班" in text

    def test_city_calendar_lists_its_counties(self, regions, actors, web):
        TrainingPlanFactory(region=regions.county_a, year=2026, title="天河计划")
        page = web(actors.city_viewer).get("/training/?region=4401&year=2026")
        assert "天河计划" in page.content.decode()

    def test_calendar_of_another_county_is_404(self, regions, actors, web):
        assert web(actors.outsider).get("/training/?region=440106").status_code == 404

    def test_session_page_of_another_county_is_404(self, regions, actors, web):
        session = TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a))
        assert web(actors.outsider).get(f"/training/sessions/{session.pk}/").status_code == 404
        assert web(actors.county_staff).get(f"/training/sessions/{session.pk}/").status_code == 200

    def test_plan_form_creates_a_plan(self, regions, actors, web):
        response = web(actors.county_admin).post(
            "/training/plans/new/", {"region": "440106", "year": 2026, "title": "天河区计划"}
        )
        assert response.status_code == 302
        assert TrainingPlan.objects.filter(region=regions.county_a, year=2026).exists()

    def test_session_form_shows_the_year_error(self, regions, actors, web):
        plan = TrainingPlanFactory(region=regions.county_a, year=2026)
        response = web(actors.county_admin).post(
            f"/training/plans/{plan.pk}/sessions/new/",
            {
                "title": "x",
                "training_type": "rotation",
                "form": "policy",
                "starts_at": "2025-12-01T09:00",
                "ends_at": "2025-12-01T17:00",
                "hours": "6",
                "capacity": "0",
            },
        )
        assert response.status_code == 200
        assert "早于计划年度" in response.content.decode()
        assert TrainingSession.objects.count() == 0


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


def test_planned_training_delete_from_the_calendar(regions, actors, web):
    item = PlannedTrainingFactory(plan=TrainingPlanFactory(region=regions.county_a))
    assert web(actors.outsider).post(f"/training/planned/{item.pk}/delete/").status_code == 404
    assert web(actors.county_admin).post(f"/training/planned/{item.pk}/delete/").status_code == 302
    assert not item.plan.items.exists()


def test_a_plan_itself_cannot_be_deleted(regions, actors, api):
    plan = TrainingPlanFactory(region=regions.county_a)
    assert api(actors.county_admin).delete(f"/api/v1/training/plans/{plan.pk}/").status_code == 405
