"""Procurement's remaining lists as a clerk and the public use them (issue 14): sanctions, the public projects and
the public debarment list sort by a header, page by the size chosen, find by keyword, export the filtered view
(organisation data only on the public pages, no login, rate-limited), stay in scope, and cost the same queries at
3 rows and 30."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from procurement.choices import ProjectStatus
from procurement.views import public
from regions.choices import AuditAction
from regions.models import AuditRecord
from tests.factories.procurement import ContractorFactory, ProjectFactory, SanctionFactory
from tests.listing import assert_flat_query_count, column, sheet_rows

pytestmark = pytest.mark.django_db

FUTURE = dt.date(2099, 1, 1)


@pytest.fixture
def sanctions(regions):
    one = ContractorFactory(name="天河康护服务中心")
    two = ContractorFactory(name="越秀家政服务公司")
    other = ContractorFactory(name="罗湖社工服务社", region=regions.county_b)
    return [
        SanctionFactory(contractor=one, region=regions.county_a, decided_on=dt.date(2026, 3, 1), penalty=500),
        SanctionFactory(
            contractor=two, region=regions.county_a, decided_on=dt.date(2026, 1, 1), penalty=3000
        ),
        SanctionFactory(
            contractor=other,
            region=regions.county_b,
            decided_on=dt.date(2026, 2, 1),
            debar_from=dt.date(2026, 2, 1),
            debar_to=FUTURE,
        ),
    ]


def _contractors(response):
    return [s.contractor.name for s in response.context["page"]]


def test_sanctions_sort_by_decision_date_and_by_penalty(sanctions, actors, web):
    client = web(actors.county_admin)
    url = reverse("procurement:sanction_list")
    assert _contractors(client.get(url, {"sort": "decided"})) == ["越秀家政服务公司", "天河康护服务中心"]
    assert _contractors(client.get(url, {"sort": "-penalty"})) == ["越秀家政服务公司", "天河康护服务中心"]
    assert _contractors(client.get(url, {"sort": "penalty"})) == ["天河康护服务中心", "越秀家政服务公司"]


def test_a_sanction_is_found_by_contractor_name_or_credit_code_in_scope(sanctions, actors, web):
    client = web(actors.county_admin)
    url = reverse("procurement:sanction_list")
    assert _contractors(client.get(url, {"q": "康护"})) == ["天河康护服务中心"]
    code = sanctions[1].contractor.credit_code
    assert _contractors(client.get(url, {"q": code.lower()})) == ["越秀家政服务公司"]
    assert _contractors(client.get(url, {"q": "罗湖"})) == []  # county B's decision about its own contractor
    html = client.get(url).content.decode()
    assert '<option value="" selected>全部</option>' in html


def test_the_sanctions_export_is_the_filtered_sorted_view(sanctions, actors, web):
    client = web(actors.county_admin)
    url = reverse("procurement:sanction_list")
    rows = sheet_rows(client.get(url, {"sort": "-decided", "export": "xlsx"}))
    assert column(rows, "承接主体") == ["天河康护服务中心", "越秀家政服务公司"]
    assert column(rows, "统一社会信用代码") == [s.contractor.credit_code for s in sanctions[:2]]
    assert [Decimal(str(v)) for v in column(rows, "罚款（元）")] == [Decimal("500"), Decimal("3000")]
    found = sheet_rows(client.get(url, {"q": "越秀", "export": "xlsx"}))
    assert column(found, "承接主体") == ["越秀家政服务公司"]


def test_the_sanctions_list_costs_the_same_for_30_rows(
    sanctions, regions, actors, web, django_assert_max_num_queries
):
    client = web(actors.county_admin)
    url = reverse("procurement:sanction_list")

    def thirty_more():
        for n in range(30):
            SanctionFactory(region=regions.county_a, decided_on=dt.date(2025, 1, 1) + dt.timedelta(days=n))

    assert_flat_query_count(
        lambda: client.get(url, {"sort": "contract"}), thirty_more, django_assert_max_num_queries
    )
    page = client.get(url, {"per_page": "20", "page": "2"}).context["page"]
    assert page.paginator.per_page == 20 and len(page) == 12


@pytest.fixture
def published(regions):
    return [
        ProjectFactory(
            purchaser=regions.county_a,
            title="特困人员照料护理",
            status=ProjectStatus.PUBLISHED,
            budget=Decimal("300000"),
            announced_on=dt.date(2026, 5, 1),
            platform_number="GDGPO-2026-0101",
        ),
        ProjectFactory(
            purchaser=regions.county_b,
            title="困难群众走访",
            status=ProjectStatus.PUBLISHED,
            budget=Decimal("100000"),
            announced_on=dt.date(2026, 6, 1),
        ),
        ProjectFactory(purchaser=regions.county_a, title="未发布的项目", status=ProjectStatus.SELECTED),
    ]


def test_the_public_projects_sort_find_and_export_without_login(published, client):
    cache.clear()
    url = reverse("procurement:public_projects")
    titles = [p.title for p in client.get(url, {"sort": "budget"}).context["page"]]
    assert titles == ["困难群众走访", "特困人员照料护理"]
    assert [p.title for p in client.get(url, {"sort": "-announced"}).context["page"]] == titles
    assert [p.title for p in client.get(url, {"q": "0101"}).context["page"]] == ["特困人员照料护理"]
    rows = sheet_rows(client.get(url, {"sort": "-budget", "export": "xlsx"}))
    assert column(rows, "项目名称") == ["特困人员照料护理", "困难群众走访"]  # never the unpublished one
    assert column(rows, "采购平台项目编号")[0] == "GDGPO-2026-0101"
    found = sheet_rows(client.get(url, {"region": "440303", "export": "xlsx"}))
    assert column(found, "项目名称") == ["困难群众走访"]
    assert AuditRecord.objects.filter(action=AuditAction.EXPORT, target=url).count() == 2


def test_the_public_debarment_list_sorts_finds_and_exports_organisations_only(sanctions, regions, client):
    cache.clear()
    later = SanctionFactory(
        contractor=ContractorFactory(name="白云养老服务公司", contact_phone="13912345678"),
        region=regions.county_a,
        debar_from=dt.date(2026, 1, 1),
        debar_to=dt.date(2098, 1, 1),
    )
    url = reverse("procurement:public_debarments")
    names = [s.contractor.name for s in client.get(url, {"sort": "debar"}).context["page"]]
    assert names == [
        "白云养老服务公司",
        "罗湖社工服务社",
    ]  # by the end of the debarment; the others are not debarred
    assert [s.contractor.name for s in client.get(url, {"q": "白云"}).context["page"]] == ["白云养老服务公司"]
    rows = sheet_rows(client.get(url, {"sort": "-debar", "export": "xlsx"}))
    assert rows[0] == ("承接主体", "统一社会信用代码", "违规类型", "处理机关", "禁入起始日期", "禁入截止日期")
    assert column(rows, "统一社会信用代码") == [
        sanctions[2].contractor.credit_code,
        later.contractor.credit_code,
    ]
    assert "13912345678" not in str(rows)


def test_public_lists_and_their_exports_are_rate_limited(published, client, monkeypatch):
    cache.clear()
    monkeypatch.setattr(public, "PUBLIC_EXPORTS_PER_MINUTE", 2)
    monkeypatch.setattr(public, "PUBLIC_VIEWS_PER_MINUTE", 5)
    url = reverse("procurement:public_projects")
    assert [client.get(url, {"export": "xlsx"}).status_code for _ in range(3)] == [200, 200, 429]
    # an export is a page view too: 3 so far; browsing goes on to the fifth view, the sixth is refused
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
    assert client.get(reverse("procurement:public_debarments")).status_code == 200  # a list of its own count


def test_the_public_projects_cost_the_same_for_30_rows(
    published, regions, client, django_assert_max_num_queries
):
    cache.clear()
    url = reverse("procurement:public_projects")

    def thirty_more():
        for n in range(30):
            ProjectFactory(purchaser=regions.county_a, status=ProjectStatus.PUBLISHED, title=f"项目{n:02d}")

    assert_flat_query_count(
        lambda: client.get(url, {"sort": "awarded"}), thirty_more, django_assert_max_num_queries
    )
    assert len(client.get(url, {"per_page": "20"}).context["page"]) == 20
