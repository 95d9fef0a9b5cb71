"""Dashboard pages: drill-down and scoping, recompute, villages without a coordinator, the rule table."""

from __future__ import annotations

from regions.services import region_grant
from staffing.models import ComplianceSnapshot
from tests.factories import RegionFactory
from tests.factories.staffing import CaseloadFactory, compliance_scenario


def test_dashboard_of_a_county_admin_shows_its_townships_and_shortfall(regions, actors, web):
    compliance_scenario(regions)
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
    compliance_scenario(regions)
    response = web(actors.county_admin).get("/staffing/?region=440106001&period=2026-10")
    dash = response.context["dash"]
    assert dash.child_level == "village"
    assert {c.code for c in dash.children} == {"440106001001", "440106001002"}
    assert [w.region for w in response.context["workers"]] == [regions.a1_village]


def test_province_dashboard_rolls_up_per_city(regions, actors, web):
    compliance_scenario(regions)
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
    compliance_scenario(regions)
    assert web(actors.outsider).get("/staffing/?region=440106").status_code == 404
    assert web(actors.county_admin).get("/staffing/?region=4403").status_code == 404


def test_dashboard_query_count_is_pinned(regions, actors, web, django_assert_max_num_queries):
    for i in range(1, 30):
        RegionFactory(code=f"440106{100 + i:03d}")
    compliance_scenario(regions)
    client = web(actors.provincial_viewer)
    # session, user, grants, latest period, focus chain, summary aggregate, children aggregate, children's own
    # rows, focus row, child names, periods, run state, unread notifications, session save (savepoint, update,
    # release): 16 however many regions
    with django_assert_max_num_queries(16):
        response = client.get("/staffing/?region=440106")
    assert len(response.context["dash"].children) == 31


def test_recompute_button_needs_an_acting_role(regions, actors, web, django_capture_on_commit_callbacks):
    CaseloadFactory(region=regions.a1)
    region_grant(actor=actors.superuser, user=actors.no_grant, region_code="44", role="county_admin")
    with django_capture_on_commit_callbacks(execute=True):
        response = web(actors.no_grant).post("/staffing/recompute/", {"period": "2026-10"})
    assert response.status_code == 302
    assert web(actors.county_admin).get("/staffing/runs/2026-10/").content.decode().count("已完成") == 1
    assert web(actors.city_viewer).post("/staffing/recompute/", {"period": "2026-10"}).status_code == 404


def test_recompute_button_of_a_county_admin_recomputes_its_county_at_once(regions, actors, web):
    CaseloadFactory(region=regions.a1)
    CaseloadFactory(region=regions.b1)
    response = web(actors.county_admin).post("/staffing/recompute/", {"period": "2026-10"}, follow=True)
    assert "已重新计算您所辖区域（440106" in response.content.decode()
    assert {s.region_code[:6] for s in ComplianceSnapshot.objects.all()} == {"440106"}


def test_villages_without_a_coordinator_are_listed(regions, actors, web):
    compliance_scenario(regions)
    page = web(actors.county_admin).get("/staffing/villages/").context["page"]
    assert {s.region_code for s in page} == {"440106001002", "440106002001", "440106002002"}


def test_rules_page_shows_the_seeded_brackets_in_force(regions, actors, web):
    html = web(actors.township_a1).get("/staffing/rules/").content.decode()
    assert "粤民发〔2018〕170号" in html and "现行" in html and "10 人" in html


def test_admin_lists_rule_sets(regions, actors, web):
    response = web(actors.superuser).get("/admin/staffing/staffingruleset/")
    assert response.status_code == 200 and "广东省县乡两级" in response.content.decode()
