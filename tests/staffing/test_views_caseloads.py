"""Caseload import pages: upload → preview → confirm, every row's error, scoping, the notification."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from staffing.choices import ImportState
from staffing.models import Caseload, CaseloadImport
from tests.factories.staffing import caseload_xlsx


def test_caseload_import_previews_then_saves_on_confirm(
    regions, actors, web, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = web(actors.county_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/staffing/caseloads/import/",
            {
                "file": caseload_xlsx(
                    [["440106001001", "", "2026-10", 120, 10, None], ["440106002", "", "2026-10", 5, 1, 0]]
                )
            },
        )
    imp = CaseloadImport.objects.get()
    assert response.status_code == 302 and imp.state == ImportState.VALID
    assert imp.preview["rows"] == 2 and not Caseload.objects.exists()
    assert "确认保存全部 2 行" in client.get(f"/staffing/caseloads/import/{imp.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staffing/caseloads/import/{imp.pk}/confirm/")
    imp.refresh_from_db()
    assert imp.state == ImportState.DONE and imp.result["created"] == 2
    assert Caseload.objects.count() == 2


def test_caseload_import_lists_every_row_error_and_saves_nothing(
    regions, actors, web, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        web(actors.county_admin).post(
            "/staffing/caseloads/import/",
            {
                "file": caseload_xlsx(
                    [
                        ["440106001001", "", "2026-10", -3, 10, None],
                        ["440303001", "", "2026-10", 5, 1, 0],
                        ["440106001002", "", "2026/10", 5, 1, 0],
                        ["440106001001", "", "2026-10", 7, 1, 0],
                    ]
                )
            },
        )
    imp = CaseloadImport.objects.get()
    assert imp.state == ImportState.REJECTED
    assert [(e["row"], e["column"]) for e in imp.errors] == [(2, "低保户数"), (3, "区划代码"), (4, "月份")]
    assert not Caseload.objects.exists()
    html = web(actors.county_admin).get(f"/staffing/caseloads/import/{imp.pk}/").content.decode()
    assert "未保存任何记录" in html


def test_someone_elses_import_is_404(regions, actors, web, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    imp = CaseloadImport.objects.create(
        file=caseload_xlsx([]), filename="x.xlsx", uploaded_by=actors.county_admin
    )
    assert web(actors.county_staff).get(f"/staffing/caseloads/import/{imp.pk}/").status_code == 404


def test_a_saved_import_notifies_the_uploader(
    regions, actors, web, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = web(actors.county_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/staffing/caseloads/import/", {"file": caseload_xlsx([["440106001", "", "2026-10", 1, 1, 0]])}
        )
    imp = CaseloadImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staffing/caseloads/import/{imp.pk}/confirm/")
    assert actors.county_admin.notifications.filter(kind="staffing_import_done").count() == 1


def test_a_month_that_excel_turned_into_a_date_cell_is_read_as_its_month(
    regions, actors, web, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    wb = Workbook()
    ws = wb.active
    ws.append(["区划代码", "名称", "月份", "低保户数", "特困户数", "临时救助户数"])
    # typed "2026-10" in Excel: stored as the date 2026-10-01, a real datetime cell
    ws.append(["440106001001", "", dt.datetime(2026, 10, 1), 120, 10, 0])
    ws.append(["440106002", "", "2026-09", 5, 1, 0])
    assert ws["C2"].is_date
    buf = io.BytesIO()
    wb.save(buf)
    with django_capture_on_commit_callbacks(execute=True):
        web(actors.county_admin).post(
            "/staffing/caseloads/import/", {"file": SimpleUploadedFile("户数.xlsx", buf.getvalue())}
        )
    imp = CaseloadImport.objects.get()
    assert imp.state == ImportState.VALID, imp.errors
    with django_capture_on_commit_callbacks(execute=True):
        web(actors.county_admin).post(f"/staffing/caseloads/import/{imp.pk}/confirm/")
    assert sorted(Caseload.objects.values_list("region__code", "period")) == [
        ("440106001001", "2026-10"),
        ("440106002", "2026-09"),
    ]
