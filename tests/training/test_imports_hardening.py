"""Attendance uploads and recomputes that must not credit or half-save (issue 12 items 12, 15)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.messages import get_messages
from django.db import transaction

from tests.factories.training import TrainingPlanFactory, TrainingSessionFactory, WorkerFactory
from tests.handmade_xlsx import cell, xlsx
from training import tasks
from training.models import Attendance, WorkerCompliance
from training.services import compliance

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(regions):
    return TrainingSessionFactory(
        plan=TrainingPlanFactory(region=regions.county_a, year=2026), title="轮训班"
    )


def test_a_formula_in_the_hours_column_is_a_row_error_and_nobody_is_credited(regions, actors, web, session):
    worker = WorkerFactory(region=regions.a1, name="李四")
    sheet = (
        f'<row r="1">{cell("A1", "公民身份号码")}{cell("B1", "姓名")}{cell("C1", "学时")}</row>'
        f'<row r="2">{cell("A2", worker.id_number)}{cell("B2", "李四")}<c r="C2"><f>SUM(3,3)</f></c></row>'
    )
    c = web(actors.county_staff)
    response = c.post(
        f"/training/sessions/{session.pk}/attendance/upload/", {"file": xlsx(sheet, dimension="A1:C2")}
    )
    assert response.status_code == 302
    page = c.get(f"/training/sessions/{session.pk}/").content.decode()
    assert "第2行" in page and "公式" in page
    assert not Attendance.objects.exists()


def test_a_csv_field_over_128_kb_is_a_400_with_the_row_not_a_500(regions, actors, api, session):
    upload = io.BytesIO(("公民身份号码,姓名\n440106199001011234," + "x" * 140_000 + "\n").encode())
    upload.name = "a.csv"
    response = api(actors.county_staff).post(
        f"/api/v1/training/sessions/{session.pk}/attendance/upload/", {"file": upload}, format="multipart"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["row"] == 2 and "无法读取" in response.json()["errors"][0]["message"]


def test_a_recompute_failing_after_the_sign_in_is_saved_says_saved_and_pending(
    regions, actors, web, session, monkeypatch
):
    worker = WorkerFactory(region=regions.a1)

    def broken(*args, **kwargs):
        raise RuntimeError("worker gone")

    monkeypatch.setattr(tasks.worker_compliance_task, "delay", broken)
    # the test's transaction never commits: run commit hooks at once, as the request's own commit would
    monkeypatch.setattr(transaction, "on_commit", lambda func, *args, **kwargs: func())
    response = web(actors.county_staff).post(
        f"/training/sessions/{session.pk}/attendance/", {"id_number": worker.id_number}
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(worker=worker).exists()
    assert "已保存，重新计算待执行。" in [str(m) for m in get_messages(response.wsgi_request)]


def test_a_worker_recompute_failing_after_writing_keeps_the_previous_snapshots(regions, monkeypatch):
    """All-or-nothing: the rows of workers who left are deleted and the changed rows written in one transaction,
    so a failure after writing leaves the previous run's snapshots, never a year with some workers missing."""
    workers = [WorkerFactory(region=regions.a1) for _ in range(3)]
    assert compliance.worker_compliance_recompute(year=2026, prefix="440106") == 3
    WorkerCompliance.objects.update(computed_at=dt.datetime(2026, 1, 2, tzinfo=dt.UTC))
    workers[0].status = "left"
    workers[0].save()
    WorkerCompliance.objects.filter(worker=workers[1]).update(rotation_status="done")  # rewritten by the run
    before = sorted(WorkerCompliance.objects.values_list("worker_id", "rotation_status", "computed_at"))
    real_sql, real_python = compliance.compliance_sql.write_changed, compliance._write_changed

    def written_then_broken(real):
        def call(*args, **kwargs):
            real(*args, **kwargs)
            raise RuntimeError("database went away")

        return call

    monkeypatch.setattr(compliance.compliance_sql, "write_changed", written_then_broken(real_sql))
    monkeypatch.setattr(compliance, "_write_changed", written_then_broken(real_python))
    with pytest.raises(RuntimeError):
        compliance.worker_compliance_recompute(year=2026, prefix="440106")
    assert (
        sorted(WorkerCompliance.objects.values_list("worker_id", "rotation_status", "computed_at")) == before
    )
    assert {w for w, _, _ in before} == {w.pk for w in workers}
