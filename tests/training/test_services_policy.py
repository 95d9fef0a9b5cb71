"""The policy's training clauses (粤民发〔2018〕170号 二(五)): every plan holds the three types, pre-job training
comes before the job, training before the system counts, political education is recorded per session and worker."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.http import Http404

from core.exceptions import Conflict
from tests.factories.training import (
    AttendanceFactory,
    PlannedTrainingFactory,
    TrainingPlanFactory,
    TrainingSessionFactory,
    WorkerFactory,
    aware,
)
from training import services
from training.models import PriorTraining, TrainingPlan, WorkerCompliance
from training.selectors import year_record

pytestmark = pytest.mark.django_db

D = dt.date


def plan_with(region, *types):
    plan = TrainingPlanFactory(region=region, year=2026)
    for kind in types:
        PlannedTrainingFactory(plan=plan, training_type=kind, title=f"{kind}项目")
    return plan


class TestPlanTypesAndFinal:
    def test_a_plan_with_two_of_three_types_cannot_be_final_without_a_reason(self, regions, actors):
        plan = plan_with(regions.county_a, "pre_job", "rotation")
        with pytest.raises(ValidationError) as exc:
            services.plan_finalise(actor=actors.county_admin, plan=plan)
        assert exc.value.message_dict["reason"] == ["年度计划缺少业务进修，须补充或填写缺项原因"]
        assert TrainingPlan.objects.get(pk=plan.pk).status == "draft"

    def test_a_plan_with_two_of_three_types_is_final_with_a_recorded_reason(self, regions, actors):
        plan = plan_with(regions.county_a, "pre_job", "rotation")
        services.plan_finalise(actor=actors.county_admin, plan=plan, reason="业务进修由市局统一组织")
        plan.refresh_from_db()
        assert (plan.status, plan.missing_types_reason) == ("final", "业务进修由市局统一组织")
        assert plan.finalised_by == actors.county_admin and plan.finalised_at is not None

    def test_a_plan_with_all_three_types_is_final_and_keeps_no_reason(self, regions, actors):
        plan = plan_with(regions.county_a, "pre_job", "rotation", "advanced")
        services.plan_finalise(actor=actors.county_admin, plan=plan, reason="不需要")
        plan.refresh_from_db()
        assert (plan.status, plan.missing_types_reason) == ("final", "")

    def test_finalising_twice_is_a_conflict(self, regions, actors):
        plan = plan_with(regions.county_a, "pre_job", "rotation", "advanced")
        stale = TrainingPlan.objects.get(pk=plan.pk)
        services.plan_finalise(actor=actors.county_admin, plan=plan)
        with pytest.raises(Conflict):
            services.plan_finalise(actor=actors.county_admin, plan=stale)

    def test_a_final_plan_cannot_lose_its_only_training_of_a_type(self, regions, actors):
        plan = plan_with(regions.county_a, "pre_job", "rotation", "advanced")
        services.plan_finalise(actor=actors.county_admin, plan=plan)
        advanced = plan.items.get(training_type="advanced")
        with pytest.raises(ValidationError):
            services.planned_training_delete(actor=actors.county_admin, item=advanced)
        with pytest.raises(ValidationError):
            services.planned_training_update(
                actor=actors.county_admin, item=advanced, training_type="rotation"
            )
        assert plan.items.filter(training_type="advanced").exists()

    def test_another_county_cannot_finalise_the_plan(self, regions, actors):
        plan = plan_with(regions.county_a, "pre_job", "rotation", "advanced")
        with pytest.raises(Http404):
            services.plan_finalise(actor=actors.outsider, plan=plan)


def pre_job_session(region, day: dt.date, *, political=False):
    session = TrainingSessionFactory(
        plan=TrainingPlanFactory(region=region, year=day.year),
        status="held",
        training_type="pre_job",
        political_education=political,
        starts_at=aware(day.year, day.month, day.day),
        ends_at=aware(day.year, day.month, day.day, 17),
    )
    return session


class TestPreJobBeforeTheJob:
    """A pre-job training held on 12 May 2026."""

    def test_worker_starting_the_day_after_the_training_is_done_and_compliant(self, regions):
        worker = WorkerFactory(region=regions.a1, start_date=D(2026, 5, 13))
        AttendanceFactory(
            session=pre_job_session(regions.county_a, D(2026, 5, 12)), worker=worker, completed=True
        )
        services.worker_compliance_recompute(year=2026, worker_ids=[worker.pk], today=D(2026, 5, 13))
        snap = WorkerCompliance.objects.get(worker=worker, year=2026)
        assert (snap.pre_job_status, snap.compliant) == ("done", True)

    def test_worker_starting_the_day_before_the_training_is_awaiting_on_the_first_day(self, regions):
        worker = WorkerFactory(region=regions.a1, start_date=D(2026, 5, 11))
        AttendanceFactory(
            session=pre_job_session(regions.county_a, D(2026, 5, 12)), worker=worker, completed=True
        )
        services.worker_compliance_recompute(year=2026, worker_ids=[worker.pk], today=D(2026, 5, 11))
        snap = WorkerCompliance.objects.get(worker=worker, year=2026)
        assert (snap.pre_job_status, snap.compliant) == ("awaiting", False)

    def test_worker_starting_the_day_before_the_training_is_late_once_trained(self, regions):
        worker = WorkerFactory(region=regions.a1, start_date=D(2026, 5, 11))
        AttendanceFactory(
            session=pre_job_session(regions.county_a, D(2026, 5, 12)), worker=worker, completed=True
        )
        services.worker_compliance_recompute(year=2026, worker_ids=[worker.pk], today=D(2026, 5, 12))
        snap = WorkerCompliance.objects.get(worker=worker, year=2026)
        assert (snap.pre_job_status, snap.pre_job_completed_on) == ("late", D(2026, 5, 12))

    def test_a_new_worker_without_training_is_never_compliant_not_even_on_the_first_day(self, regions):
        worker = WorkerFactory(region=regions.a1, start_date=D(2026, 5, 11))
        for today in (D(2026, 5, 11), D(2026, 5, 12), D(2026, 6, 10)):
            services.worker_compliance_recompute(year=2026, worker_ids=[worker.pk], today=today)
            snap = WorkerCompliance.objects.get(worker=worker, year=2026)
            assert (snap.pre_job_status, snap.compliant) == ("awaiting", False)


class TestTrainingBeforeTheSystem:
    def record(self, actor, worker, **over):
        fields = dict(
            training_type="pre_job",
            completed_on=D(2019, 6, 3),
            title="天河区2019年新进人员岗前培训",
            evidence="天民培〔2019〕12号 结业证书 No.0375",
        )
        fields.update(over)
        return services.prior_training_record(actor=actor, worker=worker, **fields)

    def test_a_prior_pre_job_entry_before_the_start_counts_as_pre_job_training(
        self, regions, actors, committed
    ):
        worker = WorkerFactory(region=regions.a1, start_date=D(2019, 7, 1))
        with committed():
            self.record(actors.county_admin, worker)
        snap = WorkerCompliance.objects.get(worker=worker, year=dt.date.today().year)
        assert (snap.pre_job_status, snap.pre_job_completed_on) == ("done", D(2019, 6, 3))

    def test_a_prior_rotation_entry_counts_as_that_years_rotation(self, regions, actors):
        worker = WorkerFactory(region=regions.a1, start_date=D(2019, 7, 1))
        self.record(actors.county_admin, worker)
        self.record(actors.county_admin, worker, training_type="rotation", completed_on=D(2025, 4, 8))
        services.worker_compliance_recompute(year=2025, worker_ids=[worker.pk], today=D(2026, 1, 5))
        snap = WorkerCompliance.objects.get(worker=worker, year=2025)
        assert (snap.rotation_status, snap.compliant) == ("done", True)

    def test_an_entry_without_evidence_or_dated_in_the_future_is_refused_and_nothing_saved(
        self, regions, actors
    ):
        worker = WorkerFactory(region=regions.a1)
        with pytest.raises(ValidationError) as exc:
            self.record(
                actors.county_admin, worker, evidence="", completed_on=dt.date.today() + dt.timedelta(1)
            )
        assert {"evidence", "completed_on"} <= set(exc.value.message_dict)
        assert not PriorTraining.objects.exists()

    def test_the_same_type_on_the_same_day_is_recorded_once(self, regions, actors):
        worker = WorkerFactory(region=regions.a1)
        self.record(actors.county_admin, worker)
        with pytest.raises(ValidationError):
            self.record(actors.county_admin, worker)
        assert PriorTraining.objects.count() == 1

    def test_another_county_cannot_record_for_the_worker(self, regions, actors):
        worker = WorkerFactory(region=regions.a1)
        with pytest.raises(Http404):
            self.record(actors.outsider, worker)


class TestPoliticalEducation:
    def test_a_political_session_is_counted_in_the_workers_year(self, regions, actors):
        worker = WorkerFactory(region=regions.a1, start_date=D(2026, 5, 13))
        AttendanceFactory(
            session=pre_job_session(regions.county_a, D(2026, 5, 12), political=True),
            worker=worker,
            completed=True,
        )
        PriorTraining.objects.create(
            worker=worker,
            training_type="rotation",
            completed_on=D(2026, 3, 2),
            title="党史学习教育专题",
            political_education=True,
            evidence="存档",
        )
        services.worker_compliance_recompute(year=2026, worker_ids=[worker.pk], today=D(2026, 6, 1))
        assert WorkerCompliance.objects.get(worker=worker, year=2026).political_in_year == 2
        assert year_record(worker, 2026, compliant=True).political_sessions == 2

    def test_a_session_without_the_topic_is_not_counted(self, regions):
        worker = WorkerFactory(region=regions.a1, start_date=D(2026, 5, 13))
        AttendanceFactory(
            session=pre_job_session(regions.county_a, D(2026, 5, 12)), worker=worker, completed=True
        )
        services.worker_compliance_recompute(year=2026, worker_ids=[worker.pk], today=D(2026, 6, 1))
        assert WorkerCompliance.objects.get(worker=worker, year=2026).political_in_year == 0


def test_the_data_migration_turns_grace_statuses_into_awaiting_and_late(regions):
    migration = import_module("training.migrations.0005_pre_job_before_the_job")
    a, b, c, d = (WorkerFactory(region=regions.a1, start_date=D(2026, 3, 1)) for _ in range(4))
    rows = [
        (a, "pending", None, True),
        (b, "overdue", None, False),
        (c, "done", D(2026, 3, 20), True),  # within the old 30-day grace: trained after starting
        (d, "done", D(2026, 2, 27), True),  # before starting: stays done
    ]
    for worker, status, completed, compliant in rows:
        WorkerCompliance.objects.create(
            worker=worker,
            year=2026,
            region_code=worker.region.code,
            start_date=worker.start_date,
            pre_job_status=status,
            pre_job_completed_on=completed,
            rotation_status="not_required",
            compliant=compliant,
            computed_at=aware(2026, 3, 25),
            hours_in_year=Decimal("0"),
        )
    migration.without_grace(apps, None)
    got = {s.worker_id: (s.pre_job_status, s.compliant) for s in WorkerCompliance.objects.all()}
    assert got == {
        a.pk: ("awaiting", False),
        b.pk: ("awaiting", False),
        c.pk: ("late", True),
        d.pk: ("done", True),
    }
