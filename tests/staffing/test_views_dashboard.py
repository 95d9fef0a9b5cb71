"""Dashboard pages: drill-down and scoping, recompute, villages without a coordinator, the rule table."""

from __future__ import annotations

import datetime as dt

from regions.services import region_grant
from staffing import services
from staffing.choices import Employment, Post
from staffing.models import ComplianceSnapshot
from tests.factories import RegionFactory
from tests.factories.staffing import (
    CaseloadFactory,
    WorkerFactory,
    add_candidate,
    compliance_scenario,
    credit_code,
    open_round,
)


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
    # session, user, grants, latest periods (with data / newest), focus chain, summary aggregate, children
    # aggregate, children's own rows, focus row, child names, the counts of care-institution workers and of
    # dispatched workers without a recruitment round (their lists only when any), periods, run state, unread
    # notifications, session save (savepoint, update, release): 18 however many regions
    with django_assert_max_num_queries(18):
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


def test_dashboard_opens_the_latest_period_with_caseload_data_and_says_so(regions, actors, web):
    compliance_scenario(regions)  # caseloads for 2026-10
    services.compliance_recompute("2026-11", today=dt.date(2026, 11, 26))  # computed, no caseloads yet
    response = web(actors.county_admin).get("/staffing/")
    assert response.context["period"] == "2026-10"
    html = response.content.decode()
    assert "已打开有户数数据的最近月份 2026-10" in html and "2026-11 尚无户数数据" in html
    chosen = web(actors.county_admin).get("/staffing/?period=2026-11")
    assert chosen.context["period"] == "2026-11" and "已打开有户数数据" not in chosen.content.decode()


def test_no_data_is_a_warning_with_counts_never_green_and_fewer_than_2_is_short(regions, actors, web):
    compliance_scenario(regions)  # two township workers at 440106002, nobody at 440106001 or the county
    services.compliance_recompute("2026-11", today=dt.date(2026, 11, 26))
    response = web(actors.county_admin).get("/staffing/?period=2026-11")
    dash = response.context["dash"]
    by_code = {c.code: c.own for c in dash.children}
    assert (by_code["440106001"].status, by_code["440106001"].shortfall) == ("short", 2)
    assert (by_code["440106002"].status, by_code["440106002"].actual_staff) == ("no_data", 2)
    assert (dash.summary.townships_no_data, dash.summary.counties_no_data) == (2, 1)
    html = response.content.decode()
    assert "个乡镇（街道）无户数数据" in html and "个县（市、区）无户数数据" in html
    assert 'figure ok"><div class="value">0 /' not in html  # "0 / n short" is never shown green
    assert "无数据的区域只按最低 2 人计" in html


def test_care_institution_workers_are_listed_apart_and_unrecruited_dispatched_are_flagged(
    regions, actors, web
):
    compliance_scenario(regions)
    WorkerFactory(region=regions.a1, post=Post.SUPPORT_INSTITUTION, name="供养院甲")
    legacy = WorkerFactory(
        region=regions.a2,
        employment=Employment.DISPATCHED,
        dispatching_org_name="某社工服务中心",
        dispatching_org_credit_code=credit_code(7),
        name="派遣乙",
    )
    round_ = open_round(actors.county_admin, regions.county_a)
    post = services.round_post_add(
        actor=actors.county_admin, round=round_, region=regions.a1, post="township", openings=1
    )
    candidate = add_candidate(actors.county_admin, round_, "招聘丙", "90")
    services.round_rank(actor=actors.county_admin, round=round_)
    round_.refresh_from_db()
    candidate.refresh_from_db()
    hired = services.candidate_hire(actor=actors.county_admin, candidate=candidate, post=post)
    client = web(actors.county_admin)
    response = client.get("/staffing/?region=440106")
    assert response.context["institution_count"] == 1
    assert response.context["unrecruited_count"] == 1
    html = response.content.decode()
    assert "供养服务机构人员（1，不计入县、乡镇配备标准）" in html and "未经招聘批次登记的派遣人员" in html
    assert '/staffing/unrecruited/?region=440106">1</a>' in html
    listed = client.get("/staffing/unrecruited/", {"region": "440106"}).context["page"]
    assert [w.name for w in listed] == ["派遣乙"]
    assert "未经本系统招聘批次登记" in client.get(f"/staffing/workers/{legacy.pk}/").content.decode()
    assert "未经本系统招聘批次登记" not in client.get(f"/staffing/workers/{hired.pk}/").content.decode()
