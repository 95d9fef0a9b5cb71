"""Public pages (sign-in by code, certificate verification) and the printable certificate."""

from __future__ import annotations

import datetime as dt

import pytest

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
