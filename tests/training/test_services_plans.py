"""Plan and session services: one plan per organiser and year, sessions in the plan's year, the session
workflow (complete, cancel) and the organiser's once-a-year snapshot it queues."""

from __future__ import annotations

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.http import Http404

from core.exceptions import Conflict
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
