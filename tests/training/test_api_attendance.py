"""Attendance and certificate API: access contract, session attendance, public certificate verification."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest

from tests.contract import AccessContract
from tests.factories.training import (
    AttendanceFactory,
    TrainingPlanFactory,
    TrainingSessionFactory,
    WorkerFactory,
)
from training import services
from training.models import Attendance, Certificate

pytestmark = pytest.mark.django_db


def county_session(regions, region=None, **kw):
    organiser = region or regions.county_a
    return TrainingSessionFactory(plan=TrainingPlanFactory(region=organiser, year=2026), **kw)


class TestAttendanceAccessContract(AccessContract):
    """Attendance is scoped by the worker's region: a township sees its own workers' training."""

    list_url = "/api/v1/training/attendance/"
    model = Attendance

    def make(self, regions, region):
        organiser = regions.county_b if region.code.startswith("4403") else regions.county_a
        return AttendanceFactory(
            session=county_session(regions, organiser), worker=WorkerFactory(region=region)
        )


class TestSessionAttendanceApi:
    def test_sign_in_and_list_the_attendance(self, regions, actors, api):
        session = county_session(regions)
        worker = WorkerFactory(region=regions.a1)
        client = api(actors.county_staff)
        response = client.post(
            f"/api/v1/training/sessions/{session.pk}/attendance/",
            {"worker": worker.pk, "score": "80"},
            format="json",
        )
        assert response.status_code == 201, response.content
        listing = client.get(f"/api/v1/training/sessions/{session.pk}/attendance/").json()
        assert [r["worker"] for r in listing["results"]] == [worker.pk]

    def test_duplicate_sign_in_is_a_400_and_nothing_is_added(self, regions, actors, api):
        session = county_session(regions)
        worker = WorkerFactory(region=regions.a1)
        client = api(actors.county_staff)
        client.post(
            f"/api/v1/training/sessions/{session.pk}/attendance/", {"worker": worker.pk}, format="json"
        )
        response = client.post(
            f"/api/v1/training/sessions/{session.pk}/attendance/", {"worker": worker.pk}, format="json"
        )
        assert response.status_code == 400
        assert "重复签到" in str(response.json())
        assert Attendance.objects.count() == 1

    def test_worker_of_another_county_reads_as_unknown(self, regions, actors, api):
        session = county_session(regions)
        response = api(actors.county_staff).post(
            f"/api/v1/training/sessions/{session.pk}/attendance/",
            {"worker": WorkerFactory(region=regions.b1).pk},
            format="json",
        )
        assert response.status_code == 400
        assert Attendance.objects.count() == 0

    def test_upload_rejects_unknown_worker_with_row_errors(self, regions, actors, api):
        session = county_session(regions)
        body = "公民身份号码,姓名\n440106199001011234,无名氏\n".encode()
        upload = io.BytesIO(body)
        upload.name = "签到.csv"
        response = api(actors.county_staff).post(
            f"/api/v1/training/sessions/{session.pk}/attendance/upload/", {"file": upload}, format="multipart"
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["row"] == 2
        assert Attendance.objects.count() == 0

    def test_patch_hours_over_the_session_is_refused(self, regions, actors, api):
        attendance = AttendanceFactory(
            session=county_session(regions), worker=WorkerFactory(region=regions.a1)
        )
        response = api(actors.county_staff).patch(
            f"/api/v1/training/attendance/{attendance.pk}/", {"hours": "12.0"}, format="json"
        )
        assert response.status_code == 400
        attendance.refresh_from_db()
        assert attendance.hours == Decimal("6.0")

    def test_township_cannot_change_county_session_attendance(self, regions, actors, api):
        attendance = AttendanceFactory(
            session=county_session(regions), worker=WorkerFactory(region=regions.a1)
        )
        response = api(actors.township_a1).patch(
            f"/api/v1/training/attendance/{attendance.pk}/", {"hours": "1.0"}, format="json"
        )
        assert response.status_code in (403, 404)

    def test_attendance_list_query_count_is_flat(self, regions, actors, api, django_assert_max_num_queries):
        session = county_session(regions)
        for _ in range(10):
            AttendanceFactory(session=session, worker=WorkerFactory(region=regions.a1), completed=True)
        # grants, count, page (+worker, region, certificate joins)
        with django_assert_max_num_queries(3):
            response = api(actors.county_admin).get("/api/v1/training/attendance/?year=2026")
        assert response.json()["count"] == 10


class TestCertificateVerificationApi:
    def test_anyone_can_verify_a_certificate_and_sees_the_holder_masked(self, regions, actors, api):
        worker = WorkerFactory(region=regions.a1, name="王小明")
        session = county_session(regions)
        AttendanceFactory(session=session, worker=worker)
        services.session_complete(actor=actors.county_admin, session=session)
        cert = Certificate.objects.get()
        response = api().get(f"/api/v1/training/certificates/{cert.display_code}/")
        assert response.status_code == 200
        body = response.json()
        assert body["valid"] is True and body["holder"] == "王**" and body["hours"] == "6.0"

    def test_unknown_code_is_404_with_valid_false(self, api, db):
        response = api().get("/api/v1/training/certificates/AAAA-BBBB-CCCC/")
        assert response.status_code == 404 and response.json()["valid"] is False
