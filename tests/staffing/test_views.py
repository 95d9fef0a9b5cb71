"""Staffing pages: dashboard drill-down and scoping, villages, roster and worker pages, caseload import, exports."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from staffing.choices import ImportState, Post
from staffing.compliance import compliance_recompute
from staffing.models import Caseload, CaseloadImport, Posting, Worker
from tests.factories import RegionFactory
from tests.factories.staffing import CaseloadFactory, WorkerFactory, id_number

TODAY = dt.date(2026, 11, 1)


def _computed(regions):
    CaseloadFactory(region=regions.a1_village, dibao_households=400)
    CaseloadFactory(region=regions.a2_village, dibao_households=50)
    CaseloadFactory(region=regions.b1, dibao_households=50)
    WorkerFactory(region=regions.a2, post=Post.TOWNSHIP)
    WorkerFactory(region=regions.a2, post=Post.TOWNSHIP)
    WorkerFactory(region=regions.a1_village, post=Post.VILLAGE_COORDINATOR)
    compliance_recompute("2026-10", today=TODAY)


def test_dashboard_of_a_county_admin_shows_its_townships_and_shortfall(regions, actors, web):
    _computed(regions)
    response = web(actors.county_admin).get("/staffing/")
    assert response.status_code == 200
    dash = response.context["dash"]
    assert dash.focus == regions.county_a and dash.period == "2026-10"
    assert [c.code for c in dash.children] == ["440106001", "440106002"]
    a1 = dash.children[0]
    assert (a1.own.required_staff, a1.own.actual_staff, a1.own.status) == (4, 0, "short")
    # the county itself (450 households → 2, none posted) is short too
    assert (dash.summary.counties_short, dash.summary.townships_short, dash.summary.shortfall) == (1, 1, 6)
    assert dash.summary.villages_without == 3
    html = response.content.decode()
    assert "五山街道" in html and "row-bad" in html and "staff-chart" in html


def test_dashboard_drills_down_to_a_townships_villages_and_workers(regions, actors, web):
    _computed(regions)
    response = web(actors.county_admin).get("/staffing/?region=440106001&period=2026-10")
    dash = response.context["dash"]
    assert dash.child_level == "village"
    assert {c.code for c in dash.children} == {"440106001001", "440106001002"}
    assert [w.region for w in response.context["workers"]] == [regions.a1_village]


def test_province_dashboard_rolls_up_per_city(regions, actors, web):
    _computed(regions)
    dash = web(actors.provincial_viewer).get("/staffing/").context["dash"]
    assert dash.focus == regions.province
    by_code = {c.code: c for c in dash.children}
    assert (by_code["4401"].counties_short, by_code["4401"].townships_short, by_code["4401"].shortfall) == (
        1,
        1,
        6,
    )
    assert by_code["4403"].townships == 1


def test_dashboard_out_of_scope_is_404(regions, actors, web):
    _computed(regions)
    assert web(actors.outsider).get("/staffing/?region=440106").status_code == 404
    assert web(actors.county_admin).get("/staffing/?region=4403").status_code == 404


def test_dashboard_query_count_is_pinned(regions, actors, web, django_assert_max_num_queries):
    for i in range(1, 30):
        RegionFactory(code=f"440106{100 + i:03d}")
    _computed(regions)
    client = web(actors.provincial_viewer)
    # session, user, grants, latest period, focus chain, summary aggregate, children aggregate, children's own
    # rows, focus row, child names, periods, run state, unread notifications, session save (savepoint, update,
    # release): 16 however many regions
    with django_assert_max_num_queries(16):
        response = client.get("/staffing/?region=440106")
    assert len(response.context["dash"].children) == 31


def test_recompute_button_needs_an_acting_role(regions, actors, web, django_capture_on_commit_callbacks):
    CaseloadFactory(region=regions.a1)
    with django_capture_on_commit_callbacks(execute=True):
        response = web(actors.county_admin).post("/staffing/recompute/", {"period": "2026-10"})
    assert response.status_code == 302
    assert web(actors.county_admin).get("/staffing/runs/2026-10/").content.decode().count("已完成") == 1
    assert web(actors.city_viewer).post("/staffing/recompute/", {"period": "2026-10"}).status_code == 404


def test_villages_without_a_coordinator_are_listed(regions, actors, web):
    _computed(regions)
    page = web(actors.county_admin).get("/staffing/villages/").context["page"]
    assert {s.region_code for s in page} == {"440106001002", "440106002001", "440106002002"}


def test_roster_is_scoped_and_filtered(regions, actors, web):
    mine = WorkerFactory(region=regions.a1, name="甲某")
    WorkerFactory(region=regions.b1, name="乙某")
    page = web(actors.county_admin).get("/staffing/workers/").context["page"]
    assert [w.pk for w in page] == [mine.pk]
    page = web(actors.county_admin).get("/staffing/workers/?post=village_coordinator").context["page"]
    assert list(page) == []


def test_roster_query_count_is_pinned(regions, actors, web, django_assert_max_num_queries):
    for _ in range(30):
        WorkerFactory(region=regions.a1)
    client = web(actors.county_admin)
    # session, user, grants, count, unread notifications, page of workers with regions, session save (3)
    with django_assert_max_num_queries(9):
        response = client.get("/staffing/workers/")
    assert len(response.context["page"]) == 30


def test_worker_detail_shows_masked_id_and_history_and_404_out_of_scope(regions, actors, web):
    worker = WorkerFactory(region=regions.a1)
    response = web(actors.county_admin).get(f"/staffing/workers/{worker.pk}/")
    html = response.content.decode()
    assert worker.id_number not in html and worker.id_number_masked in html and "入职" in html
    assert web(actors.outsider).get(f"/staffing/workers/{worker.pk}/").status_code == 404


def test_worker_create_and_reassign_through_the_pages(regions, actors, web):
    client = web(actors.county_admin)
    response = client.post(
        "/staffing/workers/new/",
        {
            "name": "赵六",
            "id_number": id_number(dt.date(1994, 4, 4)),
            "region": "440106001",
            "post": "township",
            "employment": "established",
            "education": "college",
            "full_time": "on",
            "computer_literate": "on",
            "start_date": "2025-01-01",
        },
    )
    worker = Worker.objects.get(name="赵六")
    assert response.status_code == 302 and worker.birth_date == dt.date(1994, 4, 4)
    response = client.post(
        f"/staffing/workers/{worker.pk}/reassign/", {"to_region": "440106002", "reason": "考核不适宜，调整"}
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.region == regions.a2 and Posting.objects.filter(worker=worker).count() == 2


def test_worker_form_shows_the_id_number_error(regions, actors, web):
    response = web(actors.county_admin).post(
        "/staffing/workers/new/",
        {
            "name": "赵六",
            "id_number": "440106199404041235",
            "region": "440106001",
            "post": "township",
            "employment": "established",
            "education": "college",
        },
    )
    assert response.status_code == 200 and "校验码" in response.content.decode()
    assert not Worker.objects.exists()


def _xlsx(rows) -> SimpleUploadedFile:
    wb = Workbook()
    ws = wb.active
    ws.append(["区划代码", "名称", "月份", "低保户数", "特困户数", "临时救助户数"])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("户数.xlsx", buf.getvalue())


def test_caseload_import_previews_then_saves_on_confirm(
    regions, actors, web, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = web(actors.county_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/staffing/caseloads/import/",
            {
                "file": _xlsx(
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
                "file": _xlsx(
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
    imp = CaseloadImport.objects.create(file=_xlsx([]), filename="x.xlsx", uploaded_by=actors.county_admin)
    assert web(actors.county_staff).get(f"/staffing/caseloads/import/{imp.pk}/").status_code == 404


def test_template_lists_the_users_townships_and_villages(regions, actors, web):
    response = web(actors.township_a1).get("/staffing/caseloads/template.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    codes = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert codes == ["440106001", "440106001001", "440106001002"]


def test_exports_escape_formula_cells(regions, actors, web):
    WorkerFactory(region=regions.a1, name="=HYPERLINK(1)")
    _computed(regions)
    response = web(actors.county_admin).get("/staffing/workers/export.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert ws.cell(2, 1).value == "'=HYPERLINK(1)"
    response = web(actors.county_admin).get("/staffing/compliance.xlsx?period=2026-10")
    sheets = load_workbook(io.BytesIO(response.content)).worksheets
    codes = [row[0] for row in sheets[0].iter_rows(min_row=2, values_only=True)]
    assert codes == ["440106", "440106001", "440106002"]
    assert [row[0] for row in sheets[1].iter_rows(min_row=2, values_only=True)] == [
        "440106001002",
        "440106002001",
        "440106002002",
    ]


def test_an_unexpected_import_error_marks_the_import_failed(regions, actors, settings, tmp_path, monkeypatch):
    from staffing import imports
    from staffing.tasks import caseload_import_validate_task

    settings.MEDIA_ROOT = tmp_path
    imp = CaseloadImport.objects.create(file=_xlsx([]), filename="x.xlsx", uploaded_by=actors.county_admin)

    def boom(imp):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(imports, "caseload_import_validate", boom)
    import pytest

    with pytest.raises(RuntimeError):
        caseload_import_validate_task(imp.pk)
    imp.refresh_from_db()
    assert imp.state == ImportState.FAILED and "disk gone" in imp.errors[0]["message"]


def test_a_saved_import_notifies_the_uploader(
    regions, actors, web, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = web(actors.county_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/staffing/caseloads/import/", {"file": _xlsx([["440106001", "", "2026-10", 1, 1, 0]])})
    imp = CaseloadImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/staffing/caseloads/import/{imp.pk}/confirm/")
    assert actors.county_admin.notifications.filter(kind="staffing_import_done").count() == 1


def test_rules_page_shows_the_seeded_brackets_in_force(regions, actors, web):
    html = web(actors.township_a1).get("/staffing/rules/").content.decode()
    assert "粤民发〔2018〕170号" in html and "现行" in html and "10 人" in html


def test_admin_lists_rule_sets(regions, actors, web):
    response = web(actors.superuser).get("/admin/staffing/staffingruleset/")
    assert response.status_code == 200 and "广东省县乡两级" in response.content.decode()


def test_worker_edit_page_saves_qualifications_and_checks_the_credit_code(regions, actors, web):
    worker = WorkerFactory(region=regions.a1)
    client = web(actors.county_admin)
    data = {
        "name": worker.name,
        "phone": "13900002222",
        "employment": "dispatched",
        "dispatching_org_name": "某社工中心",
        "dispatching_org_credit_code": "91440101MA00000000",
        "education": "bachelor",
        "full_time": "on",
        "computer_literate": "on",
        "veteran": "on",
    }
    response = client.post(f"/staffing/workers/{worker.pk}/edit/", data)
    assert response.status_code == 200 and "校验码" in response.content.decode()
    from tests.factories.staffing import credit_code

    data["dispatching_org_credit_code"] = credit_code(4)
    assert client.post(f"/staffing/workers/{worker.pk}/edit/", data).status_code == 302
    worker.refresh_from_db()
    assert worker.veteran and worker.employment == "dispatched" and worker.phone == "13900002222"
    assert web(actors.city_viewer).get(f"/staffing/workers/{worker.pk}/edit/").status_code == 403
    assert web(actors.outsider).get(f"/staffing/workers/{worker.pk}/edit/").status_code == 404
