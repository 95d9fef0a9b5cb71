"""Plan pages (the calendar, plan and session forms), and every list page: renders for every actor, flat query
counts."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.training import (
    AttendanceFactory,
    PlannedTrainingFactory,
    TrainingPlanFactory,
    TrainingSessionFactory,
    WorkerFactory,
)
from training import services
from training.models import TrainingPlan, TrainingSession

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(regions):
    return TrainingSessionFactory(
        plan=TrainingPlanFactory(region=regions.county_a, year=2026), title="轮训班"
    )


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


def test_planned_training_delete_from_the_calendar(regions, actors, web):
    item = PlannedTrainingFactory(plan=TrainingPlanFactory(region=regions.county_a))
    assert web(actors.outsider).post(f"/training/planned/{item.pk}/delete/").status_code == 404
    assert web(actors.county_admin).post(f"/training/planned/{item.pk}/delete/").status_code == 302
    assert not item.plan.items.exists()


def test_calendar_and_lists_render_for_every_actor(regions, actors, web, session):
    for user in (actors.county_admin, actors.township_a1, actors.provincial_viewer, actors.superuser):
        c = web(user)
        for url in (
            "/training/",
            "/training/sessions/",
            "/training/compliance/",
            "/training/missing/",
            "/training/workers/",
        ):
            assert c.get(url).status_code == 200, (user, url)


def test_page_lists_cost_the_same_for_many_rows(regions, actors, web, django_assert_max_num_queries):
    plan = TrainingPlanFactory(region=regions.county_a, year=2026)
    for _ in range(12):
        TrainingSessionFactory(plan=plan)
    session = TrainingSessionFactory(plan=plan)
    for _ in range(12):
        AttendanceFactory(
            session=session, worker=WorkerFactory(region=regions.a1, start_date=dt.date(2020, 1, 1))
        )
    services.worker_compliance_recompute(year=2026)
    c = web(actors.county_admin)
    # every page: django session, user, grants, unread count, and the session save (savepoint, update, release)
    # sessions: + count and one page of sessions (with region)
    with django_assert_max_num_queries(9):
        assert c.get("/training/sessions/?year=2026").status_code == 200
    # missing list: + default region, count and one page of snapshots (with worker and region)
    with django_assert_max_num_queries(10):
        assert c.get("/training/missing/?year=2026").status_code == 200
    # session page: + session, attendances (with worker, region, certificate), invitations, candidates
    with django_assert_max_num_queries(11):
        assert c.get(f"/training/sessions/{session.pk}/").status_code == 200
    # workers: + count and page of workers (with region), snapshots of the page
    with django_assert_max_num_queries(10):
        assert c.get("/training/workers/").status_code == 200
    # compliance dashboard: + region, child regions, one grouped count of snapshots
    with django_assert_max_num_queries(10):
        assert c.get("/training/compliance/?region=440106&year=2026").status_code == 200
