"""The dashboard's tables as a clerk uses them (issue 14): the child regions' headers sort the rows both ways (a
region without the figure last), and the dispatched staff without a recruitment round are a list of their own
that pages, finds by name, exports the filtered view, stays in scope and costs the same at 3 rows and 30."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from staffing.choices import ComplianceStatus, Employment, Post
from staffing.models import ComplianceSnapshot
from tests.factories import RegionFactory
from tests.factories.staffing import WorkerFactory, credit_code
from tests.listing import assert_flat_query_count, column, sheet_rows

pytestmark = pytest.mark.django_db

PERIOD = "2026-10"


def _snapshot(region, households, required, actual, status):
    ComplianceSnapshot.objects.create(
        region=region,
        region_code=region.code,
        level=region.level,
        period=PERIOD,
        households=households,
        required_staff=required,
        actual_staff=actual,
        shortfall=max((required or 0) - actual, 0),
        status=status,
        computed_at=timezone.now(),
    )


@pytest.fixture
def townships(regions):
    """Three townships of county A: 永庆 short by 3 (300 households), 员村 compliant (100), and a third without
    caseload data."""
    third = RegionFactory(code="440106003", name="丙街道", parent=regions.county_a)
    _snapshot(regions.county_a, 400, 6, 4, ComplianceStatus.SHORT)
    _snapshot(regions.a1, 300, 4, 1, ComplianceStatus.SHORT)
    _snapshot(regions.a2, 100, 2, 3, ComplianceStatus.COMPLIANT)
    _snapshot(third, None, 2, 2, ComplianceStatus.NO_DATA)
    return regions.a1, regions.a2, third


def _codes(response) -> list[str]:
    return [c.code for c in response.context["child_table"].rows]


def test_the_child_regions_sort_by_households_both_ways_with_no_data_last(townships, actors, web):
    client = web(actors.county_admin)
    url = reverse("staffing:index")
    base = {"region": "440106", "period": PERIOD}
    assert _codes(client.get(url, base)) == ["440106001", "440106002", "440106003"]  # by code
    assert _codes(client.get(url, {**base, "sort": "households"})) == ["440106002", "440106001", "440106003"]
    assert _codes(client.get(url, {**base, "sort": "-households"})) == ["440106001", "440106002", "440106003"]
    response = client.get(url, {**base, "sort": "-shortfall"})
    assert _codes(response) == ["440106001", "440106002", "440106003"]  # 3, 0, 0 (ties by code)
    html = response.content.decode()
    assert 'aria-sort="descending"' in html and "sort=shortfall" in html  # the next click sorts up
    assert "period=2026-10" in html.split('aria-sort="descending"')[1].split("</th>")[0]  # the period is kept


def test_the_child_regions_sort_by_actual_staff_and_status(townships, actors, web):
    client = web(actors.county_admin)
    base = {"region": "440106", "period": PERIOD}
    up = _codes(client.get(reverse("staffing:index"), {**base, "sort": "actual"}))
    assert up == ["440106001", "440106003", "440106002"]  # 1, 2, 3
    down = _codes(client.get(reverse("staffing:index"), {**base, "sort": "-actual"}))
    assert down == ["440106002", "440106003", "440106001"]
    status = _codes(client.get(reverse("staffing:index"), {**base, "sort": "status"}))
    assert status == ["440106001", "440106003", "440106002"]  # short, no data, compliant
    junk = _codes(client.get(reverse("staffing:index"), {**base, "sort": "nonsense"}))
    assert junk == ["440106001", "440106002", "440106003"]


def test_the_province_table_sorts_by_shortfall_of_each_city(townships, actors, web):
    response = web(actors.superuser).get(reverse("staffing:index"), {"period": PERIOD, "sort": "-shortfall"})
    rows = response.context["child_table"].rows
    assert [r.code for r in rows][0] == "4401"  # 广州: 3 short in 永庆, nothing else has snapshots
    assert [h["label"] for h in response.context["child_table"].headers][1] == "不达标县"


def _dispatched(region, name, agency="某社工服务中心", n=7):
    return WorkerFactory(
        region=region,
        post=Post.TOWNSHIP,
        employment=Employment.DISPATCHED,
        dispatching_org_name=agency,
        dispatching_org_credit_code=credit_code(n),
        name=name,
    )


@pytest.fixture
def dispatched(regions):
    return [
        _dispatched(regions.a1, "乙某", "乙机构"),
        _dispatched(regions.a2, "甲某", "甲机构"),
        _dispatched(regions.a1, "丙某", "丙机构"),
        _dispatched(regions.b1, "外县丁"),  # county B
        WorkerFactory(region=regions.a1, post=Post.TOWNSHIP, name="自聘戊"),  # not dispatched
    ]


def _names(response) -> list[str]:
    return [w.name for w in response.context["page"]]


def test_unrecruited_staff_sort_by_agency_both_ways_within_the_area(dispatched, actors, web):
    client = web(actors.county_admin)
    url = reverse("staffing:unrecruited")
    assert _names(client.get(url, {"sort": "agency"})) == [
        "丙某",
        "乙某",
        "甲某",
    ]  # 丙 < 乙 < 甲 in code points
    assert _names(client.get(url, {"sort": "-agency"})) == ["甲某", "乙某", "丙某"]
    assert _names(client.get(url, {"region": "440106002"})) == ["甲某"]
    assert _names(client.get(url, {"q": "丙"})) == ["丙某"]
    assert _names(client.get(url, {"q": "外县"})) == []
    assert client.get(url, {"region": "440303"}).status_code == 404


def test_unrecruited_staff_export_is_the_filtered_view_read_back(dispatched, actors, web):
    client = web(actors.county_admin)
    rows = sheet_rows(client.get(reverse("staffing:unrecruited"), {"export": "xlsx", "sort": "-name"}))
    assert rows[0] == ("姓名", "区域", "区划代码", "岗位", "派遣机构", "入职日期")
    assert column(rows, "姓名") == sorted(["乙某", "甲某", "丙某"], reverse=True)
    assert column(rows, "区划代码") == ["440106002", "440106001", "440106001"]
    only = sheet_rows(client.get(reverse("staffing:unrecruited"), {"export": "xlsx", "region": "440106001"}))
    assert sorted(column(only, "姓名")) == sorted(["乙某", "丙某"])


def test_unrecruited_staff_page_by_the_size_chosen_at_a_flat_query_count(
    dispatched, regions, actors, web, django_assert_max_num_queries
):
    client = web(actors.county_admin)
    url = reverse("staffing:unrecruited")
    made = iter(range(100))

    def thirty_more():
        for _ in range(30):
            n = next(made)
            _dispatched(regions.a2, f"派遣{n:03d}", n=10 + n % 80)

    assert_flat_query_count(
        lambda: client.get(url, {"sort": "region"}), thirty_more, django_assert_max_num_queries
    )
    page = client.get(url, {"per_page": "20"}).context["page"]
    assert len(page) == 20 and page.paginator.count == 33 and page.paginator.num_pages == 2
    assert len(client.get(url, {"per_page": "20", "page": "2"}).context["page"]) == 13
