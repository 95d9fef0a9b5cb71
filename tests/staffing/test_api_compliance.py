"""Compliance API: the access contract, filters and pinned queries, recompute now, the rule table."""

from __future__ import annotations

import datetime as dt

from regions.services import region_grant
from staffing.models import Caseload, ComplianceRun, ComplianceSnapshot
from staffing.services import compliance_recompute
from tests.contract import AccessContract
from tests.factories import RegionFactory
from tests.factories.staffing import CaseloadFactory

COMPLIANCE = "/api/v1/staffing/compliance/"


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


def test_compliance_filters_and_query_count(regions, actors, api, django_assert_max_num_queries):
    CaseloadFactory(region=regions.a1, dibao_households=500)
    CaseloadFactory(region=regions.b1)
    compliance_recompute("2026-10", today=dt.date(2026, 11, 1))
    client = api(actors.provincial_viewer)
    # grants, count, page joined with region
    with django_assert_max_num_queries(3):
        data = client.get(f"{COMPLIANCE}?period=2026-10&level=township&region=4401&status=short").json()
    rows = data["results"]
    # 440106002 has no caseload and nobody posted: the minimum of 2 applies from 0 households, so it is short too
    assert [r["region"] for r in rows] == ["440106001", "440106002"]
    a2 = next(r for r in rows if r["region"] == "440106002")
    assert (a2["households"], a2["required_staff"], a2["shortfall"]) == (None, 2, 2)
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
    for i in range(1, 40):
        RegionFactory(code=f"440106001{100 + i:03d}")
    compliance_recompute("2026-10", today=dt.date(2026, 11, 1))
    # grants, latest period, count, page
    with django_assert_max_num_queries(4):
        response = api(actors.county_admin).get(COMPLIANCE)
    assert response.json()["count"] > 40


def test_province_admin_recompute_now_runs_province_wide_and_reports_done(
    regions, actors, api, django_capture_on_commit_callbacks
):
    CaseloadFactory(region=regions.a1)
    region_grant(actor=actors.superuser, user=actors.no_grant, region_code="44", role="county_admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = api(actors.no_grant).post(f"{COMPLIANCE}recompute/", {"period": "2026-10"}, format="json")
    # in a test the request's transaction commits after the response; outside tests the run is done at once
    assert response.status_code == 202 and response.json()["state"] in ("pending", "done")
    assert ComplianceRun.objects.get(period="2026-10").state == "done"
    assert ComplianceRun.objects.get(period="2026-10").rows == ComplianceSnapshot.objects.count()
    assert api(actors.city_viewer).post(f"{COMPLIANCE}recompute/", {"period": "2026-10"}).status_code == 403
    assert api(actors.county_admin).post(f"{COMPLIANCE}recompute/", {"period": "10/2026"}).status_code == 400
    assert {r.region_code[:6] for r in ComplianceSnapshot.objects.all()} == {"440106", "440303"}


def test_county_admin_recompute_now_recomputes_only_its_county(regions, actors, api):
    CaseloadFactory(region=regions.a1, dibao_households=500)
    CaseloadFactory(region=regions.b1, dibao_households=500)
    compliance_recompute("2026-10", today=dt.date(2026, 11, 1))
    before_b = {
        s.region_code: s.computed_at
        for s in ComplianceSnapshot.objects.filter(region_code__startswith="440303")
    }
    Caseload.objects.filter(region=regions.a1).update(dibao_households=100)
    Caseload.objects.filter(region=regions.b1).update(dibao_households=100)
    response = api(actors.county_admin).post(f"{COMPLIANCE}recompute/", {"period": "2026-10"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["areas"] == ["440106"]
    assert not ComplianceRun.objects.filter(period="2026-10").exists()  # no province-wide run was queued
    a1 = ComplianceSnapshot.objects.get(period="2026-10", region_code="440106001")
    b1 = ComplianceSnapshot.objects.get(period="2026-10", region_code="440303001")
    # dibao + tekun (the factory's 10): the county's caseload is recounted, the other county keeps the old figure
    assert (a1.households, b1.households) == (110, 510)
    after_b = {
        s.region_code: s.computed_at
        for s in ComplianceSnapshot.objects.filter(region_code__startswith="440303")
    }
    assert after_b == before_b  # the other county is untouched
    assert (
        response.json()["rows"] == ComplianceSnapshot.objects.filter(region_code__startswith="440106").count()
    )


def test_township_staff_recompute_now_recomputes_only_its_township(regions, actors, api):
    response = api(actors.township_a1).post(f"{COMPLIANCE}recompute/", {"period": "2026-10"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["areas"] == ["440106001"]
    assert {s.region_code[:9] for s in ComplianceSnapshot.objects.all()} == {"440106001"}


def test_county_admin_cannot_start_the_province_wide_run(
    regions, actors, api, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        api(actors.county_admin).post(f"{COMPLIANCE}recompute/", {"period": "2026-10"}, format="json")
    assert not ComplianceRun.objects.exists()
    assert not ComplianceSnapshot.objects.filter(region_code__startswith="440303").exists()


def test_rules_list_shows_the_seeded_brackets(regions, actors, api):
    rows = api(actors.township_a1).get("/api/v1/staffing/rules/").json()["results"]
    county = sorted((r["households_from"], r["min_staff"]) for r in rows if r["level"] == "county")
    assert county == [(0, 2), (3000, 4), (5000, 6), (8000, 10)]
    assert all(r["source_document"].startswith("粤民发〔2018〕170号") for r in rows)


def test_rules_api_refuses_anonymous(api):
    assert api().get("/api/v1/staffing/rules/").status_code in (401, 403)
