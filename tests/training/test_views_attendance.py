"""Session pages: attendance, staff sign-in, upload errors, the attendance export."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from tests.factories.training import (
    AttendanceFactory,
    TrainingPlanFactory,
    TrainingSessionFactory,
    WorkerFactory,
)
from training.models import Attendance

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(regions):
    return TrainingSessionFactory(
        plan=TrainingPlanFactory(region=regions.county_a, year=2026), title="轮训班"
    )


def test_session_page_shows_code_and_attendance(regions, actors, web, session):
    AttendanceFactory(session=session, worker=WorkerFactory(region=regions.a1, name="李四"))
    page = web(actors.county_staff).get(f"/training/sessions/{session.pk}/").content.decode()
    assert session.sign_in_code in page and "李四" in page


def test_staff_sign_in_by_id_number_from_the_page(regions, actors, web, session):
    worker = WorkerFactory(region=regions.a1)
    response = web(actors.county_staff).post(
        f"/training/sessions/{session.pk}/attendance/", {"id_number": worker.id_number}
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(worker=worker).exists()


def test_bad_upload_shows_row_errors_and_saves_nothing(regions, actors, web, session):
    c = web(actors.county_staff)
    upload = io.BytesIO("公民身份号码,姓名\n440106199001011234,无名氏\n".encode())
    upload.name = "a.csv"
    c.post(f"/training/sessions/{session.pk}/attendance/upload/", {"file": upload})
    page = c.get(f"/training/sessions/{session.pk}/").content.decode()
    assert "第2行" in page and "未找到该人员" in page
    assert Attendance.objects.count() == 0


def test_attendance_export_is_an_xlsx_with_masked_id_numbers(regions, actors, web, session):
    worker = WorkerFactory(region=regions.a1, name="=HYPERLINK()")
    AttendanceFactory(session=session, worker=worker)
    response = web(actors.county_admin).get(f"/training/sessions/{session.pk}/attendance.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    row = [c.value for c in ws[2]]
    assert row[0] == "'=HYPERLINK()"
    assert "*" in row[1] and row[1] != worker.id_number
