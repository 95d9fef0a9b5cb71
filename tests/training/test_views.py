"""Training pages: session attendance, exports, worker record, compliance dashboard, public pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from tests.factories.training import (
    AttendanceFactory,
    TrainingPlanFactory,
    TrainingSessionFactory,
    WorkerFactory,
)
from training import services
from training.models import Attendance, Certificate

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


def test_compliance_dashboard_and_export(regions, actors, web):
    WorkerFactory(region=regions.a1, start_date=dt.date(2020, 1, 1))
    services.organiser_compliance_recompute(year=2026)
    services.worker_compliance_recompute(year=2026)
    c = web(actors.city_viewer)
    page = c.get("/training/compliance/?region=4401&year=2026").content.decode()
    assert "天河区" in page and "training-chart" in page
    response = c.get("/training/compliance/export.xlsx?region=4401&year=2026")
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["分区域达标", "缺训人员"]
    assert wb["缺训人员"].max_row == 2


def test_missing_list_is_scoped_to_the_county(regions, actors, web):
    WorkerFactory(region=regions.a1, name="缺训甲", start_date=dt.date(2020, 1, 1))
    WorkerFactory(region=regions.b1, name="外县乙", start_date=dt.date(2020, 1, 1))
    services.worker_compliance_recompute(year=2026)
    page = web(actors.county_admin).get("/training/missing/?year=2026").content.decode()
    assert "缺训甲" in page and "外县乙" not in page
    assert web(actors.county_admin).get("/training/missing/?region=440303").status_code == 404


def test_worker_record_and_assessment_form(regions, actors, web):
    worker = WorkerFactory(region=regions.a1, name="张三")
    c = web(actors.county_admin)
    assert "张三" in c.get(f"/training/workers/{worker.pk}/").content.decode()
    response = c.post(
        f"/training/workers/{worker.pk}/", {"year": 2025, "grade": "unsuited", "judgement": "不适宜"}
    )
    assert response.status_code == 200 and "不适宜人员须调整" in response.content.decode()
    response = c.post(
        f"/training/workers/{worker.pk}/",
        {"year": 2025, "grade": "unsuited", "judgement": "不适宜", "to_region": "440106002"},
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.region == regions.a2


def test_worker_record_of_another_county_is_404(regions, actors, web):
    worker = WorkerFactory(region=regions.b1)
    assert web(actors.county_admin).get(f"/training/workers/{worker.pk}/").status_code == 404


def test_public_sign_in_page(regions, client, session):
    worker = WorkerFactory(region=regions.a1)
    session.starts_at = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=10)
    session.ends_at = session.starts_at + dt.timedelta(hours=7)
    session.save()
    response = client.post(
        "/training/sign-in/", {"code": session.sign_in_code, "id_number": worker.id_number}
    )
    assert "您已签到" in response.content.decode()
    response = client.post(
        "/training/sign-in/", {"code": session.sign_in_code, "id_number": worker.id_number}
    )
    assert "重复签到" in response.content.decode()
    assert Attendance.objects.count() == 1


def test_public_verification_page_and_printable_certificate(regions, actors, web, client, session):
    AttendanceFactory(session=session, worker=WorkerFactory(region=regions.a1, name="陈大文"))
    services.session_complete(actor=actors.county_admin, session=session)
    cert = Certificate.objects.get()
    page = client.get(f"/training/verify/?code={cert.display_code}").content.decode()
    assert "证书有效" in page and "陈**" in page and "陈大文" not in page
    assert "未找到该证书" in client.get("/training/verify/?code=XXXX").content.decode()
    printable = web(actors.township_a1).get(f"/training/certificates/{cert.code}/").content.decode()
    assert "陈大文" in printable and cert.display_code in printable
    assert web(actors.outsider).get(f"/training/certificates/{cert.code}/").status_code == 404


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


def test_public_pages_are_rate_limited_per_ip(db, client, settings, monkeypatch):
    from django.core.cache import cache

    from training.views import public

    cache.clear()
    monkeypatch.setattr(public, "VERIFY_PER_MINUTE", 2)
    monkeypatch.setattr(public, "SIGN_IN_PER_MINUTE", 1)
    assert client.get("/training/verify/?code=AAAA").status_code == 200
    assert client.get("/training/verify/?code=AAAB").status_code == 200
    assert client.get("/training/verify/?code=AAAC").status_code == 429
    assert client.post("/training/sign-in/", {"code": "X", "id_number": "1"}).status_code == 200
    response = client.post("/training/sign-in/", {"code": "X", "id_number": "1"})
    assert response.status_code == 429 and "过于频繁" in response.content.decode()
    cache.clear()
