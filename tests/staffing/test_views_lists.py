"""Staffing's lists as a clerk uses them (issue 14): caseloads, recruitment rounds and the villages by coordinator
status sort by a header, page by the size chosen, find by keyword, export the filtered view, stay in scope, and
cost the same queries at 3 rows and 30."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from staffing import services
from staffing.choices import RoundStatus
from staffing.models import ComplianceSnapshot, RecruitmentRound
from tests.factories.staffing import CaseloadFactory, compliance_scenario, credit_code
from tests.listing import assert_flat_query_count, column, sheet_rows

pytestmark = pytest.mark.django_db


def _round(actor, county, title, day, agency):
    return services.round_create(
        actor=actor,
        region=county,
        title=title,
        round_date=dt.date(2026, 7, day),
        dispatching_org_name=agency,
        dispatching_org_credit_code=credit_code(day),
    )


@pytest.fixture
def caseloads(regions):
    return [
        CaseloadFactory(region=regions.a1_village, period="2026-09", dibao_households=30),
        CaseloadFactory(region=regions.a2_village, period="2026-10", dibao_households=10),
        CaseloadFactory(region=regions.a1_village2, period="2026-08", dibao_households=20),
        CaseloadFactory(region=regions.b1_village, period="2026-10", dibao_households=99),  # county B
    ]


def test_caseloads_sort_by_the_dibao_header_both_ways(caseloads, actors, web):
    client = web(actors.county_admin)
    up = client.get(reverse("staffing:caseloads"), {"sort": "dibao"}).context["page"]
    assert [c.dibao_households for c in up] == [10, 20, 30]
    down = client.get(reverse("staffing:caseloads"), {"sort": "-dibao"}).context["page"]
    assert [c.dibao_households for c in down] == [30, 20, 10]
    html = client.get(reverse("staffing:caseloads"), {"sort": "dibao"}).content.decode()
    assert 'aria-sort="ascending"' in html and "---------" not in html


def test_caseloads_are_found_by_region_name_or_code(caseloads, actors, web):
    client = web(actors.county_admin)
    by_name = client.get(reverse("staffing:caseloads"), {"q": "茶山"}).context["page"]
    assert [c.region.code for c in by_name] == ["440106001002"]
    by_code = client.get(reverse("staffing:caseloads"), {"q": "440106002"}).context["page"]
    assert [c.region.code for c in by_code] == ["440106002001"]
    assert list(client.get(reverse("staffing:caseloads"), {"q": "老围"}).context["page"]) == []  # county B


def test_the_caseload_export_is_the_filtered_view_in_its_sort(caseloads, actors, web):
    client = web(actors.county_admin)
    rows = sheet_rows(client.get(reverse("staffing:caseload_export"), {"sort": "period", "q": "五山"}))
    assert column(rows, "区划代码") == [
        "440106001002",
        "440106001001",
    ]  # 2026-08, then 2026-09; no 员村, no B
    assert column(rows, "低保户数") == [20, 30]


def test_caseloads_page_by_the_size_chosen_at_a_flat_query_cost(
    regions, actors, web, django_assert_max_num_queries
):
    client = web(actors.county_admin)
    for month in range(1, 4):
        CaseloadFactory(region=regions.a1_village, period=f"2024-{month:02d}")

    def thirty_more():
        for month in range(1, 13):
            for year, region in ((2023, regions.a1_village), (2022, regions.a2_village)):
                CaseloadFactory(region=region, period=f"{year}-{month:02d}")
        for month in range(1, 7):
            CaseloadFactory(region=regions.a1_village2, period=f"2022-{month:02d}")

    assert_flat_query_count(
        lambda: client.get(reverse("staffing:caseloads"), {"sort": "region"}),
        thirty_more,
        django_assert_max_num_queries,
    )
    page = client.get(reverse("staffing:caseloads"), {"per_page": "20", "page": "2"}).context["page"]
    assert page.paginator.per_page == 20 and len(page) == 13  # 33 rows: 20 + 13


@pytest.fixture
def rounds(regions, actors):
    made = [
        _round(actors.county_admin, regions.county_a, "天河区 2026 年第二批招聘", 20, "天河区社工服务中心"),
        _round(actors.county_admin, regions.county_a, "天河区 2026 年第一批招聘", 5, "广州人力资源公司"),
        _round(actors.outsider, regions.county_b, "罗湖区 2026 年招聘", 10, "罗湖社工服务社"),
    ]
    RecruitmentRound.objects.filter(pk=made[0].pk).update(status=RoundStatus.CLOSED)
    return made


def test_rounds_sort_by_date_and_by_title(rounds, actors, web):
    client = web(actors.county_admin)
    by_date = client.get(reverse("staffing:rounds"), {"sort": "date"}).context["page"]
    assert [r.round_date.day for r in by_date] == [5, 20]
    by_date_down = client.get(reverse("staffing:rounds"), {"sort": "-date"}).context["page"]
    assert [r.round_date.day for r in by_date_down] == [20, 5]


def test_rounds_are_found_by_title_or_agency_and_filtered_by_status(rounds, actors, web):
    client = web(actors.county_admin)
    assert [r.pk for r in client.get(reverse("staffing:rounds"), {"q": "第一批"}).context["page"]] == [
        rounds[1].pk
    ]
    assert [r.pk for r in client.get(reverse("staffing:rounds"), {"q": "人力资源"}).context["page"]] == [
        rounds[1].pk
    ]
    assert [r.pk for r in client.get(reverse("staffing:rounds"), {"status": "closed"}).context["page"]] == [
        rounds[0].pk
    ]
    assert list(client.get(reverse("staffing:rounds"), {"q": "罗湖"}).context["page"]) == []  # out of scope
    html = client.get(reverse("staffing:rounds")).content.decode()
    assert '<option value="" selected>全部</option>' in html


def test_the_rounds_export_is_the_filtered_sorted_view(rounds, actors, web):
    rows = sheet_rows(
        web(actors.county_admin).get(reverse("staffing:rounds"), {"sort": "-date", "export": "xlsx"})
    )
    assert column(rows, "名称") == ["天河区 2026 年第二批招聘", "天河区 2026 年第一批招聘"]
    assert column(rows, "状态") == ["已结束", "报名中"]
    filtered = sheet_rows(
        web(actors.county_admin).get(reverse("staffing:rounds"), {"q": "第一批", "export": "xlsx"})
    )
    assert column(filtered, "派遣机构") == ["广州人力资源公司"]


def test_rounds_page_by_size_at_a_flat_query_cost(
    rounds, regions, actors, web, django_assert_max_num_queries
):
    client = web(actors.county_admin)

    def thirty_more():
        RecruitmentRound.objects.bulk_create(
            RecruitmentRound(
                region=regions.county_a,
                title=f"批次{n:02d}",
                round_date=dt.date(2025, 1, 1) + dt.timedelta(days=n),
                dispatching_org_name="机构",
                dispatching_org_credit_code=credit_code(50),
            )
            for n in range(30)
        )

    assert_flat_query_count(
        lambda: client.get(reverse("staffing:rounds"), {"sort": "region"}),
        thirty_more,
        django_assert_max_num_queries,
    )
    page = client.get(reverse("staffing:rounds"), {"per_page": "20", "sort": "title"}).context["page"]
    assert len(page) == 20 and page.paginator.count == 32


def test_villages_sort_find_and_export_in_scope(regions, actors, web):
    compliance_scenario(regions)  # a2_village has no coordinator; so has 桂园街道老围社区 in county B
    client = web(actors.county_admin)
    short = client.get(reverse("staffing:villages"), {"period": "2026-10"}).context["page"]
    assert "440303001001" not in [s.region_code for s in short]
    ours = [s.region_code for s in short]
    assert "440106002001" in ours
    down = client.get(reverse("staffing:villages"), {"period": "2026-10", "sort": "-code"}).context["page"]
    assert [s.region_code for s in down] == sorted(ours, reverse=True)
    found = client.get(reverse("staffing:villages"), {"period": "2026-10", "q": "员村"}).context["page"]
    expected = sorted(s.region_code for s in short if s.region.name.startswith("员村"))
    assert "440106002001" in expected
    assert [s.region_code for s in found] == expected
    rows = sheet_rows(
        client.get(reverse("staffing:villages"), {"period": "2026-10", "q": "员村", "export": "xlsx"})
    )
    assert column(rows, "区划代码") == [s.region_code for s in found]
    assert ComplianceSnapshot.objects.filter(region_code="440303001001").exists()
