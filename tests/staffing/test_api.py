"""Staffing API: access contract per resource, bulk caseloads all-or-nothing, compliance filters, recompute."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry

from staffing.choices import Post
from staffing.compliance import compliance_recompute
from staffing.models import Caseload, ComplianceRun, ComplianceSnapshot, Worker
from tests.contract import AccessContract
from tests.factories.staffing import CaseloadFactory, WorkerFactory, id_number

WORKERS = "/api/v1/staffing/workers/"
CASELOADS = "/api/v1/staffing/caseloads/"
BULK = "/api/v1/staffing/caseloads/bulk/"
COMPLIANCE = "/api/v1/staffing/compliance/"


def _post_for(region):
    return {"county": Post.COUNTY_BUREAU, "township": Post.TOWNSHIP, "village": Post.VILLAGE_COORDINATOR}[
        region.level
    ]


class TestWorkerAccess(AccessContract):
    list_url = WORKERS
    model = Worker

    def make(self, regions, region):
        return WorkerFactory(region=region, post=_post_for(region))

    def create_payload(self, regions, region):
        return {
            "name": "陈静",
            "id_number": id_number(dt.date(1992, 2, 2)),
            "phone": "13800001234",
            "region": region.code,
            "post": _post_for(region),
            "employment": "established",
            "education": "college",
            "start_date": "2025-03-01",
        }


class TestCaseloadAccess(AccessContract):
    list_url = CASELOADS
    model = Caseload

    def make(self, regions, region):
        return CaseloadFactory(region=region)


class TestComplianceAccess(AccessContract):
    list_url = COMPLIANCE
    model = ComplianceSnapshot
    id_key = "region_code"

    def make(self, regions, region):
        compliance_recompute("2026-10", today=dt.date(2026, 11, 1))
        return ComplianceSnapshot.objects.get(period="2026-10", region_code=region.code)

    def detail_url(self, obj):
        return f"{self.list_url}?period=2026-10&region={obj.region_code}"

    def result_ids(self, response):
        return {item["region"] for item in response.json()["results"]}

    def test_outsider_gets_404_on_a_record_in_another_county(self, regions, actors, api):
        # a list resource: the outsider's filtered list simply does not contain the other county's rows
        self.make(regions, regions.a1)
        response = api(actors.outsider).get(f"{COMPLIANCE}?period=2026-10&region=440106")
        assert response.status_code == 200 and response.json()["results"] == []


def test_worker_responses_mask_id_number_and_phone(regions, actors, api):
    worker = WorkerFactory(region=regions.a1, phone="13812345678")
    data = api(actors.county_admin).get(f"{WORKERS}{worker.pk}/").json()
    assert worker.id_number not in str(data) and "13812345678" not in str(data)
    assert data["id_number_masked"].startswith("440106") and data["phone_masked"] == "138****5678"
    assert data["postings"][0]["kind"] == "hire"


def test_worker_create_with_invalid_id_number_is_400_by_field(regions, actors, api):
    payload = TestWorkerAccess().create_payload(regions, regions.a1)
    payload["id_number"] = "440106199202021235"
    response = api(actors.county_admin).post(WORKERS, payload, format="json")
    assert response.status_code == 400 and "id_number" in response.json()
    assert not Worker.objects.exists()


def test_worker_list_query_count_is_flat(regions, actors, api, django_assert_max_num_queries):
    for i in range(30):
        WorkerFactory(region=regions.a1 if i % 2 else regions.a2)
    # grants, count, page of workers joined with region
    with django_assert_max_num_queries(3):
        response = api(actors.county_admin).get(WORKERS)
    assert response.json()["count"] == 30


def test_reassign_action_moves_the_worker_and_viewer_cannot(regions, actors, api):
    worker = WorkerFactory(region=regions.a1)
    url = f"{WORKERS}{worker.pk}/reassign/"
    assert api(actors.city_viewer).post(url, {"to_region": "440106002", "reason": "轮岗"}).status_code == 403
    response = api(actors.county_admin).post(url, {"to_region": "440106002", "reason": "轮岗"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["region"] == "440106002"
    assert api(actors.outsider).post(url, {"to_region": "440303001", "reason": "x"}).status_code == 404


def test_leave_twice_is_409(regions, actors, api):
    worker = WorkerFactory(region=regions.a1)
    url = f"{WORKERS}{worker.pk}/leave/"
    assert api(actors.county_admin).post(url, {"reason": "辞职"}).status_code == 200
    assert api(actors.county_admin).post(url, {"reason": "辞职"}).status_code == 409


def _row(region="440106001001", period="2026-10", **over):
    row = {"region": region, "period": period, "dibao_households": 120, "tekun_households": 10}
    row.update(over)
    return row


def test_bulk_upsert_creates_then_updates_with_audit(regions, actors, api):
    client = api(actors.county_admin)
    response = client.post(BULK, [_row(), _row("440106002001")], format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"created": 2, "updated": 0, "unchanged": 0}
    response = client.post(BULK, [_row(dibao_households=130), _row("440106002001")], format="json")
    assert response.json() == {"created": 0, "updated": 1, "unchanged": 1}
    caseload = Caseload.objects.get(region=regions.a1_village)
    assert caseload.dibao_households == 130
    entries = LogEntry.objects.get_for_object(caseload).order_by("pk")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert entries[1].actor == actors.county_admin and entries[1].changes["dibao_households"] == [
        "120",
        "130",
    ]


@pytest.mark.parametrize(
    ("bad", "column"),
    [
        ({"dibao_households": -1}, "dibao_households"),
        ({"tekun_households": 1.5}, "tekun_households"),
        ({"tekun_households": "many"}, "tekun_households"),
        ({"dibao_households": True}, "dibao_households"),
        ({"period": "2026-13"}, "period"),
        ({"period": "2099-01"}, "period"),
        ({"region": "440106009999"}, "region"),
        ({"region": "440303001001"}, "region"),  # out of scope reads as unknown
        ({"region": "4401"}, "region"),  # a city does not report
    ],
)
def test_bulk_rejects_a_bad_row_by_row_and_field_saving_nothing(regions, actors, api, bad, column):
    response = api(actors.county_admin).post(BULK, [_row("440106002001"), _row(**bad)], format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"row": 2, "column": column} == {k: errors[0][k] for k in ("row", "column")}
    assert not Caseload.objects.exists()


def test_bulk_rejects_duplicate_rows(regions, actors, api):
    response = api(actors.county_admin).post(BULK, [_row(), _row()], format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["row"] == 2


def test_county_caseload_where_townships_report_is_double_counting(regions, actors, api):
    CaseloadFactory(region=regions.a1)
    response = api(actors.county_admin).post(BULK, [_row("440106")], format="json")
    assert response.status_code == 400 and "重复计算" in response.json()["errors"][0]["message"]
    response = api(actors.county_admin).post(BULK, [_row("440106001001")], format="json")
    assert response.status_code == 400  # a village below a reporting township
    # another period is fine
    assert (
        api(actors.county_admin).post(BULK, [_row("440106", period="2026-09")], format="json").status_code
        == 200
    )


def test_viewer_cannot_write_caseloads(regions, actors, api):
    response = api(actors.city_viewer).post(BULK, [_row()], format="json")
    assert response.status_code == 400 and not Caseload.objects.exists()


def test_service_account_sees_its_city_only(regions, actors, api):
    CaseloadFactory(region=regions.a1)
    CaseloadFactory(region=regions.b1)
    codes = {r["region"] for r in api(actors.service_account).get(CASELOADS).json()["results"]}
    assert codes == {"440106001"}


def test_compliance_filters_and_query_count(regions, actors, api, django_assert_max_num_queries):
    CaseloadFactory(region=regions.a1, dibao_households=500)
    CaseloadFactory(region=regions.b1)
    compliance_recompute("2026-10", today=dt.date(2026, 11, 1))
    client = api(actors.provincial_viewer)
    # grants, count, page joined with region
    with django_assert_max_num_queries(3):
        data = client.get(f"{COMPLIANCE}?period=2026-10&level=township&region=4401&status=short").json()
    rows = data["results"]
    assert [r["region"] for r in rows] == ["440106001"]  # 440106002 has no caseload: no data, not short
    a1 = next(r for r in rows if r["region"] == "440106001")
    assert (a1["households"], a1["required_staff"], a1["actual_staff"], a1["shortfall"], a1["status"]) == (
        510,
        4,
        0,
        4,
        "short",
    )
    assert a1["computed_at"]
    # without a period: the latest
    assert client.get(f"{COMPLIANCE}?level=county").json()["count"] == 2


def test_compliance_list_pins_queries_with_many_rows(regions, actors, api, django_assert_max_num_queries):
    from tests.factories import RegionFactory

    for i in range(1, 40):
        RegionFactory(code=f"440106001{100 + i:03d}")
    compliance_recompute("2026-10", today=dt.date(2026, 11, 1))
    # grants, latest period, count, page
    with django_assert_max_num_queries(4):
        response = api(actors.county_admin).get(COMPLIANCE)
    assert response.json()["count"] > 40


def test_recompute_now_runs_and_reports_done(regions, actors, api, django_capture_on_commit_callbacks):
    CaseloadFactory(region=regions.a1)
    with django_capture_on_commit_callbacks(execute=True):
        response = api(actors.county_admin).post(
            f"{COMPLIANCE}recompute/", {"period": "2026-10"}, format="json"
        )
    # in a test the request's transaction commits after the response; outside tests the run is done at once
    assert response.status_code == 202 and response.json()["state"] in ("pending", "done")
    assert ComplianceRun.objects.get(period="2026-10").state == "done"
    assert ComplianceRun.objects.get(period="2026-10").rows == ComplianceSnapshot.objects.count()
    assert api(actors.city_viewer).post(f"{COMPLIANCE}recompute/", {"period": "2026-10"}).status_code == 403
    assert api(actors.county_admin).post(f"{COMPLIANCE}recompute/", {"period": "10/2026"}).status_code == 400


def test_rules_list_shows_the_seeded_brackets(regions, actors, api):
    rows = api(actors.township_a1).get("/api/v1/staffing/rules/").json()["results"]
    county = sorted((r["households_from"], r["min_staff"]) for r in rows if r["level"] == "county")
    assert county == [(0, 2), (3000, 4), (5000, 6), (8000, 10)]
    assert all(r["source_document"].startswith("粤民发〔2018〕170号") for r in rows)


def test_rules_api_refuses_anonymous(api):
    assert api().get("/api/v1/staffing/rules/").status_code in (401, 403)
