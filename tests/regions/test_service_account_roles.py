"""The service account of a provincial system (domain.md 8): it reads in scope, takes cases in, books appointments
and uploads caseloads; every other write is refused (403) unless another role is granted explicitly."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from regions.services import region_grant
from staffing.models import Caseload, Worker
from tests.factories.staffing import WorkerFactory
from tests.factories.windows import ServiceWindowFactory, id_number
from training.models import TrainingPlan
from windows.models import Appointment, AppointmentSlot, Case

pytestmark = pytest.mark.django_db


@pytest.fixture
def window(regions, actors):
    return ServiceWindowFactory(
        region=regions.a1, name="五山街道社会救助窗口", duty_officer=actors.township_a1
    )


def test_service_account_cannot_reassign_a_worker(regions, actors, api):
    worker = WorkerFactory(region=regions.a1)
    response = api(actors.service_account).post(
        f"/api/v1/staffing/workers/{worker.pk}/reassign/",
        {"to_region": regions.a2.code, "reason": "跨乡镇调整"},
        format="json",
    )
    assert response.status_code == 403
    worker.refresh_from_db()
    assert worker.region == regions.a1


def test_service_account_cannot_register_a_worker(regions, actors, api):
    response = api(actors.service_account).post(
        "/api/v1/staffing/workers/",
        {
            "name": "李四",
            "id_number": id_number(3),
            "region": regions.a1.code,
            "post": "township",
            "employment": "established",
            "education": "bachelor",
        },
        format="json",
    )
    assert response.status_code in (400, 403)
    assert not Worker.objects.exists()


def test_service_account_cannot_edit_a_window(window, actors, api):
    response = api(actors.service_account).patch(
        f"/api/v1/windows/windows/{window.pk}/", {"has_duties": True}, format="json"
    )
    assert response.status_code == 403
    window.refresh_from_db()
    assert window.has_duties is False


def test_service_account_cannot_create_a_training_plan(regions, actors, api):
    response = api(actors.service_account).post(
        "/api/v1/training/plans/",
        {"region": "440106", "year": 2026, "title": "天河区2026年培训计划", "items": []},
        format="json",
    )
    assert response.status_code in (400, 403)
    assert not TrainingPlan.objects.exists()


def test_service_account_cannot_publish_appointment_slots(window, actors, api):
    start = timezone.now() + dt.timedelta(days=1)
    response = api(actors.service_account).post(
        "/api/v1/windows/slots/",
        {"window": window.pk, "starts_at": start, "ends_at": start + dt.timedelta(hours=1), "capacity": 5},
        format="json",
    )
    assert response.status_code == 403
    assert not AppointmentSlot.objects.exists()


def test_service_account_cannot_start_a_staffing_recompute(regions, actors, api):
    response = api(actors.service_account).post(
        "/api/v1/staffing/compliance/recompute/", {"period": "2026-10"}, format="json"
    )
    assert response.status_code == 403


def test_service_account_takes_a_case_in(window, actors, api):
    response = api(actors.service_account).post(
        "/api/v1/windows/cases/",
        {
            "applicant_name": "王五",
            "id_number": id_number(12),
            "phone": "13712345678",
            "household_region": "440106001001",
            "accepting_region": "440106001",
            "category": "dibao",
            "channel": "online",
            "description": "申请低保",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert Case.objects.get().first_responder == actors.township_a1


def test_service_account_books_and_cancels_an_appointment(window, actors, api):
    start = timezone.now() + dt.timedelta(days=1)
    slot = AppointmentSlot.objects.create(
        window=window, starts_at=start, ends_at=start + dt.timedelta(hours=1), capacity=2
    )
    client = api(actors.service_account)
    response = client.post(
        "/api/v1/windows/appointments/",
        {
            "slot": slot.pk,
            "applicant_name": "赵六",
            "id_number": id_number(8),
            "phone": "13600000000",
            "category": "dibao",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    cancel = client.post(f"/api/v1/windows/appointments/{response.json()['id']}/cancel/")
    assert cancel.status_code == 200, cancel.content
    assert Appointment.objects.get().status == "cancelled"


def test_service_account_uploads_caseloads(regions, actors, api):
    response = api(actors.service_account).post(
        "/api/v1/staffing/caseloads/bulk/",
        [{"region": "440106001001", "period": "2026-10", "dibao_households": 120, "tekun_households": 10}],
        format="json",
    )
    assert response.status_code == 200, response.content
    assert Caseload.objects.get().dibao_households == 120


def test_service_account_reads_workers_in_its_city(regions, actors, api):
    WorkerFactory(region=regions.a1)
    WorkerFactory(region=regions.b1)
    rows = api(actors.service_account).get("/api/v1/staffing/workers/").json()["results"]
    assert [r["region"] for r in rows] == [regions.a1.code]


def test_an_explicit_grant_of_another_role_lets_the_account_act(regions, actors, api):
    region_grant(
        actor=actors.superuser, user=actors.service_account, region_code="440106", role="county_staff"
    )
    worker = WorkerFactory(region=regions.a1)
    response = api(actors.service_account).post(
        f"/api/v1/staffing/workers/{worker.pk}/reassign/",
        {"to_region": regions.a2.code, "reason": "跨乡镇调整"},
        format="json",
    )
    assert response.status_code == 200, response.content
