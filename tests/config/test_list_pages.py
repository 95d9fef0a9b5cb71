"""Lists beside the case queue (issue 14): sortable headers, page sizes, keyword search and, where no export of
their own exists, the Excel export of the filtered view; the query count does not grow with the rows."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories.procurement import ContractorFactory, ProjectFactory
from tests.factories.staffing import WorkerFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "evaluation:index",
    "staffing:workers",
    "procurement:index",
    "procurement:contract_list",
    "procurement:contractor_list",
    "training:sessions",
    "supervision:index",
    "regions:notifications",
    "windows:my_cases",
    # issue 14's second round: every remaining list
    "staffing:caseloads",
    "staffing:rounds",
    "staffing:villages",
    "training:workers",
    "training:missing",
    "procurement:sanction_list",
    "procurement:public_projects",
    "procurement:public_debarments",
    "evaluation:public",
    "windows:window_list",
    "windows:ratings",
    "oversight:funding",
    "oversight:meetings",
    "oversight:issues",
    "regions:tokens",
    "accounts:index",
    "staffing:unrecruited",
]
EXPORTED = [
    "procurement:contractor_list",
    "training:sessions",
    "supervision:index",
    "evaluation:index",
    "staffing:rounds",
    "training:workers",
    "procurement:sanction_list",
    "procurement:public_projects",
    "evaluation:public",
    "windows:window_list",
    "windows:ratings",
    "oversight:funding",
    "oversight:meetings",
    "oversight:issues",
    "regions:tokens",
    "accounts:index",
    "staffing:unrecruited",
]


@pytest.mark.parametrize("name", LISTS)
def test_a_list_has_sortable_headers_page_sizes_and_no_dashes(name, actors, web):
    html = web(actors.county_admin).get(reverse(name)).content.decode()
    assert 'class="sort"' in html
    assert "---------" not in html


@pytest.mark.parametrize("name", LISTS)
def test_a_list_sorted_by_each_sortable_column_answers_200(name, actors, web):
    client = web(actors.county_admin)
    response = client.get(reverse(name))
    for header in response.context["listing"].headers:
        if header["sortable"]:
            for key in (header["next"], f"-{header['next'].lstrip('-')}"):
                assert client.get(reverse(name), {"sort": key}).status_code == 200


def test_the_evaluation_list_exports_to_excel(actors, web):
    response = web(actors.county_admin).get(reverse("evaluation:index"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("合同 / 项目", "项目", "承接主体")


def test_a_worker_is_found_by_name(actors, web, regions):
    WorkerFactory(name="欧阳明", region=regions.a1)
    WorkerFactory(name="李华", region=regions.a1)
    page = web(actors.county_admin).get(reverse("staffing:workers"), {"name": "欧阳"}).context["page"]
    assert [w.name for w in page] == ["欧阳明"]


def test_a_project_is_found_by_name_or_platform_number(actors, web, regions):
    one = ProjectFactory(
        title="社会救助经办服务采购", purchaser=regions.county_a, platform_number="GDGPO-2026-0042"
    )
    ProjectFactory(title="困难群众走访", purchaser=regions.county_a)
    client = web(actors.county_admin)
    assert [p.pk for p in client.get(reverse("procurement:index"), {"q": "经办"}).context["page"]] == [one.pk]
    assert [p.pk for p in client.get(reverse("procurement:index"), {"q": "0042"}).context["page"]] == [one.pk]
    assert [p.pk for p in client.get(reverse("procurement:index"), {"q": str(one.pk)}).context["page"]] == [
        one.pk
    ]


def test_the_project_list_takes_as_many_queries_for_many_projects_as_for_one(
    actors, web, regions, django_assert_max_num_queries
):
    client = web(actors.county_admin)
    ProjectFactory(purchaser=regions.county_a)
    client.get(reverse("procurement:index"))
    with django_assert_max_num_queries(15) as one:
        client.get(reverse("procurement:index"), {"sort": "purchaser"})
    for _ in range(5):
        ProjectFactory(purchaser=regions.county_a)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("procurement:index"), {"sort": "purchaser"})


@pytest.mark.parametrize("name", EXPORTED)
def test_a_list_without_an_export_of_its_own_exports_its_filtered_view(name, actors, web):
    response = web(actors.county_admin).get(reverse(name), {"export": "xlsx"})
    assert response.status_code == 200
    header = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    shown = [str(h["label"]) for h in web(actors.county_admin).get(reverse(name)).context["listing"].headers]
    assert header[0] == shown[0]


def test_a_contractor_is_found_by_name_or_credit_code(actors, web, regions):
    one = ContractorFactory(name="天河社工服务中心")
    ContractorFactory(name="越秀家政公司")
    client = web(actors.county_admin)
    assert [
        c.pk for c in client.get(reverse("procurement:contractor_list"), {"q": "社工"}).context["page"]
    ] == [one.pk]
    code = one.credit_code[:8]
    assert one.pk in [
        c.pk for c in client.get(reverse("procurement:contractor_list"), {"q": code}).context["page"]
    ]
