"""The training policy clauses over the API: `missing_types` on plans and in the roll-up, finalising a plan,
training before the system, political education on snapshots and certificates (粤民发〔2018〕170号 二(五))."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.training import (
    AttendanceFactory,
    PlannedTrainingFactory,
    TrainingPlanFactory,
    TrainingSessionFactory,
    WorkerFactory,
    aware,
)
from training import services
from training.models import PriorTraining

pytestmark = pytest.mark.django_db


def plan_with(region, *types, year=2026):
    plan = TrainingPlanFactory(region=region, year=year)
    for kind in types:
        PlannedTrainingFactory(plan=plan, training_type=kind)
    return plan


def test_plan_lists_its_missing_types(regions, actors, api):
    plan = plan_with(regions.county_a, "pre_job", "rotation")
    data = api(actors.county_admin).get(f"/api/v1/training/plans/{plan.pk}/").json()
    assert (data["missing_types"], data["status"]) == (["advanced"], "draft")


def test_finalise_without_a_reason_is_400_and_with_one_is_final(regions, actors, api):
    plan = plan_with(regions.county_a, "pre_job", "rotation")
    client = api(actors.county_admin)
    refused = client.post(f"/api/v1/training/plans/{plan.pk}/finalise/", {}, format="json")
    assert refused.status_code == 400 and "业务进修" in refused.json()["fields"]["reason"][0]
    done = client.post(
        f"/api/v1/training/plans/{plan.pk}/finalise/", {"reason": "市局统一组织"}, format="json"
    )
    assert done.status_code == 200
    assert (done.json()["status"], done.json()["missing_types_reason"]) == ("final", "市局统一组织")
    again = client.post(f"/api/v1/training/plans/{plan.pk}/finalise/", {"reason": "x"}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "illegal_transition"


def test_finalise_by_another_county_is_404(regions, actors, api):
    plan = plan_with(regions.county_a, "pre_job", "rotation", "advanced")
    assert api(actors.outsider).post(f"/api/v1/training/plans/{plan.pk}/finalise/").status_code == 404


def test_city_rollup_flags_a_county_plan_missing_a_type(regions, actors, api):
    plan_with(regions.county_a, "rotation", "advanced")
    services.organiser_compliance_recompute(year=2026, prefix="4401")
    rows = api(actors.city_viewer).get("/api/v1/training/compliance/?year=2026&region=4401").json()["results"]
    county = next(r for r in rows if r["region"] == "440106")
    assert (county["plan_missing_types"], county["plan_status"]) == (["pre_job"], "draft")


def test_rollup_counts_workers_awaiting_pre_job_training(regions, actors, api):
    WorkerFactory(region=regions.a1, start_date=dt.date(2026, 1, 5))
    services.worker_compliance_recompute(year=2026, today=dt.date(2026, 1, 5))
    rows = (
        api(actors.county_admin).get("/api/v1/training/compliance/?year=2026&region=440106").json()["results"]
    )
    a1 = next(r for r in rows if r["region"] == "440106001")
    assert (a1["pre_job_awaiting"], a1["compliant"]) == (1, 0)


def test_prior_training_is_recorded_over_the_api_and_scoped(regions, actors, api):
    worker = WorkerFactory(region=regions.a1, start_date=dt.date(2019, 7, 1))
    payload = {
        "worker": worker.pk,
        "training_type": "pre_job",
        "completed_on": "2019-06-03",
        "title": "2019年岗前培训",
        "evidence": "结业证书 No.0375",
    }
    assert (
        api(actors.outsider).post("/api/v1/training/prior-training/", payload, format="json").status_code
        == 400
    )
    made = api(actors.county_admin).post("/api/v1/training/prior-training/", payload, format="json")
    assert made.status_code == 201, made.content
    assert PriorTraining.objects.get().evidence == "结业证书 No.0375"
    assert api(actors.outsider).get("/api/v1/training/prior-training/").json()["count"] == 0
    bad = api(actors.county_admin).post(
        "/api/v1/training/prior-training/",
        {**payload, "completed_on": "2019-06-04", "evidence": ""},
        format="json",
    )
    assert bad.status_code == 400 and "evidence" in bad.json()["fields"]


def test_political_education_shows_on_the_snapshot_and_the_public_certificate(regions, actors, api):
    worker = WorkerFactory(region=regions.a1, start_date=dt.date(2020, 1, 1))
    session = TrainingSessionFactory(
        plan=TrainingPlanFactory(region=regions.county_a, year=2026),
        political_education=True,
        starts_at=aware(2026, 5, 12),
        ends_at=aware(2026, 5, 12, 17),
    )
    AttendanceFactory(session=session, worker=worker)
    services.session_complete(actor=actors.county_admin, session=session)
    services.worker_compliance_recompute(year=2026, worker_ids=[worker.pk], today=dt.date(2026, 6, 1))
    snaps = api(actors.county_admin).get("/api/v1/training/worker-compliance/?year=2026").json()["results"]
    assert snaps[0]["political_in_year"] == 1
    code = worker.training_attendances.get().certificate.code
    assert api().get(f"/api/v1/training/certificates/{code}/").json()["political_education"] is True
