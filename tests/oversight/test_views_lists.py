"""The oversight lists as a clerk uses them (issue 14): funding, meetings and issues sort by a header, page by the
size chosen, find by keyword, export the filtered view, stay in scope, and cost the same queries at 3 rows and
30."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from oversight import services
from oversight.models import CountyFunding, Issue, Meeting
from tests.listing import assert_flat_query_count, column, sheet_rows

pytestmark = pytest.mark.django_db

FUNDING = {
    "work_fund_source": "县级财政预算",
    "purchased_services_budget": Decimal("800000.00"),
    "dibao_spending_previous_year": Decimal("10000000.00"),  # 3 % is 300,000
    "dispatched_staff": 4,
    "dispatched_pay_total": Decimal("360000.00"),
}


@pytest.fixture
def funding(regions, actors):
    made = [
        services.funding_save(
            actor=actors.county_admin, region=regions.county_a, year=year, work_fund=Decimal(fund), **FUNDING
        )
        for year, fund in ((2024, "310000"), (2025, "250000"), (2026, "400000"))
    ]
    services.funding_save(
        actor=actors.outsider, region=regions.county_b, year=2026, work_fund=Decimal("1"), **FUNDING
    )
    return made


def _years(response):
    return [r.year for r in response.context["page"]]


def test_funding_sorts_by_work_fund_and_year(funding, actors, web):
    client = web(actors.county_admin)
    url = reverse("oversight:funding")
    assert _years(client.get(url, {"sort": "work_fund"})) == [2025, 2024, 2026]
    assert _years(client.get(url, {"sort": "-work_fund"})) == [2026, 2024, 2025]
    assert _years(client.get(url, {"sort": "year"})) == [2024, 2025, 2026]


def test_funding_is_found_by_year_or_county_name_in_scope(funding, actors, web):
    client = web(actors.county_admin)
    url = reverse("oversight:funding")
    assert _years(client.get(url, {"year": "2025"})) == [2025]
    assert sorted(_years(client.get(url, {"q": "天河"}))) == [2024, 2025, 2026]
    assert _years(client.get(url, {"q": "罗湖"})) == []


def test_the_funding_export_is_the_filtered_sorted_view_with_its_flags(funding, actors, web):
    rows = sheet_rows(
        web(actors.county_admin).get(reverse("oversight:funding"), {"sort": "year", "export": "xlsx"})
    )
    assert column(rows, "年度") == [2024, 2025, 2026]
    assert [Decimal(str(v)) for v in column(rows, "工作经费（元）")] == [
        Decimal("310000"),
        Decimal("250000"),
        Decimal("400000"),
    ]
    assert [Decimal(str(v)) for v in column(rows, "应不低于")] == [Decimal("300000")] * 3
    assert column(rows, "提示") == [None, "工作经费低于参考值", None]


def test_the_funding_list_costs_the_same_for_30_rows(
    funding, regions, actors, web, django_assert_max_num_queries
):
    client = web(actors.county_admin)

    def thirty_more():
        CountyFunding.objects.bulk_create(
            CountyFunding(
                region=regions.county_a,
                year=1990 + n,
                work_fund=Decimal(n),
                updated_by=actors.county_admin,
                **FUNDING,
            )
            for n in range(30)
        )

    assert_flat_query_count(
        lambda: client.get(reverse("oversight:funding"), {"sort": "region"}),
        thirty_more,
        django_assert_max_num_queries,
    )
    assert len(client.get(reverse("oversight:funding"), {"per_page": "20"}).context["page"]) == 20


def _meeting(actor, region, title, day, decisions=""):
    return services.meeting_create(
        actor=actor,
        region=region,
        held_on=dt.date(2026, 3, day),
        title=title,
        departments=["civil_affairs", "finance"],
        decisions=decisions,
    )


@pytest.fixture
def meetings(regions, actors):
    return [
        _meeting(actors.county_admin, regions.county_a, "第二次联席会议", 20, "增配协理员"),
        _meeting(actors.county_admin, regions.county_a, "第一次联席会议", 5, "落实工作经费"),
        _meeting(actors.outsider, regions.county_b, "罗湖区联席会议", 10),
    ]


def test_meetings_sort_find_and_export_in_scope(meetings, actors, web):
    client = web(actors.county_admin)
    url = reverse("oversight:meetings")
    assert [m.title for m in client.get(url, {"sort": "held_on"}).context["page"]] == [
        "第一次联席会议",
        "第二次联席会议",
    ]
    assert [m.title for m in client.get(url, {"sort": "-held_on"}).context["page"]] == [
        "第二次联席会议",
        "第一次联席会议",
    ]
    assert [m.title for m in client.get(url, {"q": "协理员"}).context["page"]] == ["第二次联席会议"]
    assert [m.title for m in client.get(url, {"q": "罗湖"}).context["page"]] == []
    rows = sheet_rows(client.get(url, {"sort": "held_on", "export": "xlsx"}))
    assert column(rows, "会议") == ["第一次联席会议", "第二次联席会议"]
    assert column(rows, "出席部门") == ["民政部门、财政部门", "民政部门、财政部门"]
    assert column(rows, "会议决定") == ["落实工作经费", "增配协理员"]


def test_meetings_cost_the_same_for_30_rows(meetings, regions, actors, web, django_assert_max_num_queries):
    client = web(actors.county_admin)

    def thirty_more():
        Meeting.objects.bulk_create(
            Meeting(
                region=regions.county_a,
                held_on=dt.date(2025, 1, 1) + dt.timedelta(days=n),
                title=f"会议{n:02d}",
                departments=["civil_affairs"],
                created_by=actors.county_admin,
            )
            for n in range(30)
        )

    assert_flat_query_count(
        lambda: client.get(reverse("oversight:meetings"), {"sort": "region"}),
        thirty_more,
        django_assert_max_num_queries,
    )
    page = client.get(reverse("oversight:meetings"), {"per_page": "20", "page": "2"}).context["page"]
    assert len(page) == 12


def _issue(actor, region, description, deadline_day, area="staffing", meeting=None):
    return services.issue_raise(
        actor=actor,
        region=region,
        area=area,
        description=description,
        owner_department="civil_affairs",
        deadline=dt.date(2026, 9, deadline_day),
        meeting=meeting,
    )


@pytest.fixture
def issues(regions, actors):
    return [
        _issue(actors.county_admin, regions.a1, "五山街道协理员缺配", 30),
        _issue(actors.county_admin, regions.a2, "员村窗口标识缺失", 10, area="windows"),
        _issue(actors.outsider, regions.b1, "桂园街道经费未到位", 1, area="funding"),
    ]


def test_issues_sort_filter_find_and_export_in_scope(issues, actors, web):
    client = web(actors.county_admin)
    url = reverse("oversight:issues")
    by_deadline = client.get(url, {"sort": "deadline"}).context["page"]
    assert [i.description for i in by_deadline] == ["员村窗口标识缺失", "五山街道协理员缺配"]
    assert [i.description for i in client.get(url, {"area": "windows"}).context["page"]] == [
        "员村窗口标识缺失"
    ]
    assert [i.description for i in client.get(url, {"q": "协理员"}).context["page"]] == ["五山街道协理员缺配"]
    assert [i.description for i in client.get(url, {"q": "员村街道"}).context["page"]] == ["员村窗口标识缺失"]
    assert list(client.get(url, {"q": "桂园"}).context["page"]) == []
    html = client.get(url).content.decode()
    assert '<option value="" selected>全部</option>' in html and "---------" not in html
    rows = sheet_rows(client.get(url, {"sort": "-deadline", "export": "xlsx"}))
    assert column(rows, "问题") == ["五山街道协理员缺配", "员村窗口标识缺失"]
    assert column(rows, "领域") == ["经办人员配备", "一门受理窗口"]


def test_issues_cost_the_same_for_30_rows(issues, regions, actors, web, django_assert_max_num_queries):
    client = web(actors.county_admin)
    meeting = _meeting(actors.county_admin, regions.county_a, "会议", 1)

    def thirty_more():
        Issue.objects.bulk_create(
            Issue(
                region=regions.a1,
                meeting=meeting,
                area="staffing",
                description=f"问题{n:02d}",
                owner_department="finance",
                deadline=dt.date(2026, 10, 1),
                raised_by=actors.county_admin,
            )
            for n in range(30)
        )

    assert_flat_query_count(
        lambda: client.get(reverse("oversight:issues"), {"sort": "meeting"}),
        thirty_more,
        django_assert_max_num_queries,
    )
    assert client.get(reverse("oversight:issues"), {"per_page": "20"}).context["page"].paginator.count == 32


def test_the_meetings_page_repeats_no_element_id_between_its_filter_and_its_new_meeting_form(
    regions, actors, web
):
    html = web(actors.county_admin).get("/oversight/meetings/").content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert sorted({i for i in ids if ids.count(i) > 1}) == []
    assert 'id="filter_region"' in html and 'for="filter_region"' in html
