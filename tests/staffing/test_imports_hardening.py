"""Caseload uploads at the edges (issue 12 items 11, 12, 15): who may upload, the size cap, unreadable content,
refused files leaving the disk, saved rows never reported as failed, imports whose worker died."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from staffing import services, tasks
from staffing.choices import ImportState
from staffing.models import Caseload, CaseloadImport
from tests.factories.staffing import caseload_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_a_viewer_without_an_acting_role_may_not_upload(regions, actors, web, media):
    response = web(actors.provincial_viewer).post(
        "/staffing/caseloads/import/", {"file": caseload_xlsx([["440106001", "", "2026-10", 1, 1, 0]])}
    )
    assert response.status_code == 403
    assert not CaseloadImport.objects.exists() and _stored_files(media) == []


def test_a_user_without_any_grant_may_not_upload(regions, actors, web, media):
    response = web(actors.no_grant).post("/staffing/caseloads/import/", {"file": caseload_xlsx([])})
    assert response.status_code == 403


def test_an_upload_over_the_size_cap_is_refused_unstored(regions, actors, web, media, settings):
    settings.UPLOAD_MAX_BYTES = 1000
    response = web(actors.county_admin).post(
        "/staffing/caseloads/import/", {"file": SimpleUploadedFile("big.csv", b"x" * 1001)}, follow=True
    )
    assert "超过上限" in response.content.decode()
    assert not CaseloadImport.objects.exists() and _stored_files(media) == []


def test_a_csv_field_over_128_kb_is_rejected_as_a_row_and_the_file_deleted(
    regions, actors, web, media, django_capture_on_commit_callbacks
):
    text = "区划代码,名称,月份,低保户数,特困户数\n440106001,x" + "x" * 140_000 + ",2026-10,1,1\n"
    with django_capture_on_commit_callbacks(execute=True):
        response = web(actors.county_admin).post(
            "/staffing/caseloads/import/", {"file": SimpleUploadedFile("户数.csv", text.encode())}
        )
    assert response.status_code == 302
    imp = CaseloadImport.objects.get()
    assert imp.state == ImportState.REJECTED and imp.errors[0]["row"] == 2
    assert not imp.file and _stored_files(media) == []


def test_a_rejected_xlsx_leaves_no_file_on_disk(
    regions, actors, web, media, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        web(actors.county_admin).post(
            "/staffing/caseloads/import/", {"file": caseload_xlsx([["440303001", "", "2026-10", 1, 1, 0]])}
        )
    assert CaseloadImport.objects.get().state == ImportState.REJECTED
    assert _stored_files(media) == []


def _valid_import(actor) -> CaseloadImport:
    imp = CaseloadImport.objects.create(
        file=caseload_xlsx([["440106001", "", "2026-10", 3, 1, 0]]), filename="户数.xlsx", uploaded_by=actor
    )
    services.caseload_import_validate(imp)
    assert imp.state == ImportState.VALID
    return imp


def test_saved_rows_stay_done_when_the_recompute_after_them_fails(
    regions, actors, web, media, monkeypatch, django_capture_on_commit_callbacks
):
    imp = _valid_import(actors.county_admin)

    def broken(*args, **kwargs):
        raise RuntimeError("broker down")

    monkeypatch.setattr(tasks.compliance_recompute_task, "delay", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = web(actors.county_admin).post(f"/staffing/caseloads/import/{imp.pk}/confirm/")
    assert response.status_code == 302
    imp.refresh_from_db()
    assert imp.state == ImportState.DONE and Caseload.objects.count() == 1


def test_a_late_error_never_marks_a_done_import_failed(regions, actors, media):
    imp = _valid_import(actors.county_admin)
    services.caseload_import_save(imp)
    services.caseload_import_failed(imp, RuntimeError("notification failed"))
    imp.refresh_from_db()
    assert imp.state == ImportState.DONE and Caseload.objects.count() == 1


def test_an_error_inside_the_save_keeps_nothing(regions, actors, media, monkeypatch):
    imp = _valid_import(actors.county_admin)

    def done_then_fail(imp, **fields):
        raise RuntimeError("disk full")

    real_set = services.imports._set
    monkeypatch.setattr(
        services.imports,
        "_set",
        lambda imp, **f: done_then_fail(imp) if f.get("state") == ImportState.DONE else real_set(imp, **f),
    )
    with pytest.raises(RuntimeError):
        tasks.caseload_import_save_task(imp.pk)
    imp.refresh_from_db()
    assert imp.state == ImportState.FAILED and not Caseload.objects.exists()


@pytest.mark.parametrize(("minutes", "reclaimed"), [(29, False), (31, True)])
def test_a_save_without_progress_for_30_minutes_is_released_for_confirming_again(
    regions, actors, media, minutes, reclaimed
):
    imp = _valid_import(actors.county_admin)
    now = timezone.now()
    CaseloadImport.objects.filter(pk=imp.pk).update(
        state=ImportState.SAVING, progress_at=now - dt.timedelta(minutes=minutes)
    )
    assert services.caseload_imports_reclaim(now=now) == int(reclaimed)
    imp.refresh_from_db()
    assert imp.state == (ImportState.VALID if reclaimed else ImportState.SAVING)
    if reclaimed:
        assert "未保存任何记录" in imp.errors[0]["message"]
        services.caseload_import_save(imp)  # confirming again saves it
        assert CaseloadImport.objects.get(pk=imp.pk).state == ImportState.DONE


def test_a_validation_whose_worker_died_is_failed(regions, actors, media):
    imp = CaseloadImport.objects.create(
        file=caseload_xlsx([]),
        filename="x.xlsx",
        uploaded_by=actors.county_admin,
        state=ImportState.VALIDATING,
    )
    CaseloadImport.objects.filter(pk=imp.pk).update(progress_at=timezone.now() - dt.timedelta(hours=1))
    assert tasks.caseload_imports_reclaim_task() == 1
    assert CaseloadImport.objects.get(pk=imp.pk).state == ImportState.FAILED
