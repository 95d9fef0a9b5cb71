"""The training policy clauses on the pages: the plan page flags missing types and finalises, the compliance page
counts incomplete plans, the worker page records training before the system, the certificate names political
education (粤民发〔2018〕170号 二(五))."""

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
from training.models import PriorTraining, TrainingPlan

pytestmark = pytest.mark.django_db


def plan_with(region, *types):
    plan = TrainingPlanFactory(region=region, year=2026)
    for kind in types:
        PlannedTrainingFactory(plan=plan, training_type=kind)
    return plan


def test_plan_page_flags_a_plan_with_two_of_three_types(regions, actors, web):
    plan_with(regions.county_a, "pre_job", "advanced")
    text = web(actors.county_admin).get("/training/?region=440106&year=2026").content.decode()
    assert 'id="plan-missing-types"' in text and "年度计划缺少：定期轮训" in text


def test_plan_page_does_not_flag_a_complete_plan(regions, actors, web):
    plan_with(regions.county_a, "pre_job", "rotation", "advanced")
    text = web(actors.county_admin).get("/training/?region=440106&year=2026").content.decode()
    assert 'id="plan-missing-types"' not in text


def test_finalise_form_refuses_without_a_reason_and_accepts_with_one(regions, actors, web):
    plan = plan_with(regions.county_a, "pre_job", "advanced")
    client = web(actors.county_admin)
    page = client.post(f"/training/plans/{plan.pk}/finalise/", follow=True)
    assert "须补充或填写缺项原因" in page.content.decode()
    assert TrainingPlan.objects.get(pk=plan.pk).status == "draft"
    client.post(f"/training/plans/{plan.pk}/finalise/", {"reason": "轮训并入省厅培训"})
    assert TrainingPlan.objects.get(pk=plan.pk).status == "final"


def test_city_compliance_page_counts_county_plans_missing_a_type(regions, actors, web):
    plan_with(regions.county_a, "pre_job")
    services.organiser_compliance_recompute(year=2026, prefix="4401")
    text = web(actors.city_viewer).get("/training/compliance/?region=4401&year=2026").content.decode()
    assert "定期轮训、业务进修" in text


def test_worker_page_records_training_before_the_system(regions, actors, web):
    worker = WorkerFactory(region=regions.a1, start_date=dt.date(2019, 7, 1))
    client = web(actors.county_admin)
    client.post(
        f"/training/workers/{worker.pk}/prior/",
        {
            "training_type": "pre_job",
            "completed_on": "2019-06-03",
            "title": "2019年岗前培训",
            "hours": "8",
            "evidence": "结业证书 No.0375",
        },
    )
    assert PriorTraining.objects.get(worker=worker).completed_on == dt.date(2019, 6, 3)
    assert "结业证书 No.0375" in client.get(f"/training/workers/{worker.pk}/").content.decode()


def test_worker_page_of_another_county_refuses_the_entry(regions, actors, web):
    worker = WorkerFactory(region=regions.a1)
    response = web(actors.outsider).post(
        f"/training/workers/{worker.pk}/prior/", {"training_type": "pre_job"}
    )
    assert response.status_code == 404 and not PriorTraining.objects.exists()


def test_certificate_names_political_education(regions, actors, web):
    session = TrainingSessionFactory(
        plan=TrainingPlanFactory(region=regions.county_a), political_education=True
    )
    worker = WorkerFactory(region=regions.a1)
    AttendanceFactory(session=session, worker=worker)
    services.session_complete(actor=actors.county_admin, session=session)
    code = worker.training_attendances.get().certificate.code
    text = web(actors.county_admin).get(f"/training/certificates/{code}/").content.decode()
    assert "含党性和政治教育" in text


def test_worker_page_shows_political_education_in_the_yearly_record(regions, actors, web):
    worker = WorkerFactory(region=regions.a1, start_date=dt.date(2026, 5, 13))
    PriorTraining.objects.create(
        worker=worker,
        training_type="rotation",
        completed_on=dt.date(2026, 3, 2),
        title="党史学习教育专题",
        political_education=True,
        evidence="培训通知存档",
    )
    services.worker_compliance_recompute(year=2026, worker_ids=[worker.pk], today=dt.date(2026, 6, 1))
    page = web(actors.county_admin).get(f"/training/workers/{worker.pk}/").content.decode()
    record = page.split("党性和政治教育</th>", 1)[1]
    row = record.split("<td>2026</td>", 1)[1].split("</tr>", 1)[0]
    assert '<td class="num">1</td>' in row  # one political education session in 2026
    assert "党史学习教育专题" in page
