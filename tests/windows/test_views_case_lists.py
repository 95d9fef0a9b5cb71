"""The case lists as a clerk uses them (issue 14): sort by a column header, pages and page size, a keyword search
(number, applicant, the masked phone's last four digits), "全部" in the filter selects, and the Excel export of
the filtered view; the query count does not grow with the rows."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories.windows import make_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_cases(windows, actors):
    return [
        make_case(actors.township_a1, windows.a1, seq=1, applicant_name="张三", phone="13800001111"),
        make_case(actors.township_a1, windows.a1, seq=2, applicant_name="李四", phone="13800002222"),
        make_case(actors.township_a1, windows.a1, seq=3, applicant_name="王五", phone="13800003333"),
    ]


def _numbers(response):
    return [c.number for c in response.context["page"]]


def test_clicking_the_applicant_header_sorts_by_applicant_and_again_reverses(three_cases, actors, web):
    client = web(actors.county_admin)
    html = client.get(reverse("windows:queue")).content.decode()
    assert 'href="?sort=applicant"' in html  # the header is a link
    up = client.get(reverse("windows:queue"), {"sort": "applicant"})
    names = [c.applicant_name for c in up.context["page"]]
    assert names == sorted(names)
    assert 'aria-sort="ascending"' in up.content.decode()
    assert 'href="?sort=-applicant"' in up.content.decode()  # the next click reverses
    down = client.get(reverse("windows:queue"), {"sort": "-applicant"})
    assert [c.applicant_name for c in down.context["page"]] == sorted(names, reverse=True)


def test_an_unknown_sort_key_keeps_the_queues_most_urgent_first_order(three_cases, actors, web):
    response = web(actors.county_admin).get(reverse("windows:queue"), {"sort": "id_number_hash"})
    assert response.status_code == 200
    assert _numbers(response) == [c.number for c in sorted(three_cases, key=lambda c: (c.due_date, c.pk))]


def test_the_keyword_finds_a_case_by_applicant_number_or_phone_last_four_digits(three_cases, actors, web):
    client = web(actors.county_admin)
    assert _numbers(client.get(reverse("windows:queue"), {"q": "李四"})) == [three_cases[1].number]
    assert _numbers(client.get(reverse("windows:queue"), {"q": "3333"})) == [three_cases[2].number]
    number = three_cases[0].number
    assert _numbers(client.get(reverse("windows:queue"), {"q": number[-6:]})) == [number]
    assert _numbers(client.get(reverse("windows:queue"), {"q": "不存在的人"})) == []


def test_page_size_choice_and_page_numbers(windows, actors, web):
    for seq in range(1, 23):
        make_case(actors.township_a1, windows.a1, seq=seq, applicant_name=f"申请人{seq:02d}")
    client = web(actors.county_admin)
    response = client.get(reverse("windows:queue"), {"per_page": "20", "sort": "applicant"})
    assert len(response.context["page"]) == 20
    html = response.content.decode()
    assert '<span class="current" aria-current="page">1</span>' in html
    assert 'href="?per_page=20&amp;sort=applicant&amp;page=2"' in html
    second = client.get(reverse("windows:queue"), {"per_page": "20", "sort": "applicant", "page": "2"})
    assert [c.applicant_name for c in second.context["page"]] == ["申请人21", "申请人22"]
    # a size not offered falls back to the default of 50
    assert response.context["page"].paginator.per_page == 20
    assert client.get(reverse("windows:queue"), {"per_page": "7"}).context["page"].paginator.per_page == 50


def test_an_unchosen_filter_select_reads_all_not_dashes(three_cases, actors, web):
    html = web(actors.county_admin).get(reverse("windows:queue")).content.decode()
    assert "---------" not in html
    assert '<option value="" selected>全部</option>' in html


def test_the_export_is_the_filtered_sorted_view_with_the_phone_masked(three_cases, actors, web):
    response = web(actors.county_admin).get(
        reverse("windows:queue"), {"sort": "-applicant", "export": "xlsx", "page": "9"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("编号", "申请人", "联系电话")
    assert [r[1] for r in rows[1:]] == ["王五", "李四", "张三"]  # all rows, not the page asked for
    assert [r[2] for r in rows[1:]] == ["138****3333", "138****2222", "138****1111"]
    filtered = web(actors.county_admin).get(reverse("windows:queue"), {"q": "李四", "export": "xlsx"})
    assert len(list(load_workbook(io.BytesIO(filtered.content)).active.iter_rows())) == 2


def test_the_export_stays_in_scope(three_cases, actors, web):
    response = web(actors.outsider).get(reverse("windows:queue"), {"export": "xlsx"})
    assert len(list(load_workbook(io.BytesIO(response.content)).active.iter_rows())) == 1  # the header only


def test_the_queue_and_its_export_take_as_many_queries_for_many_rows_as_for_few(
    windows, actors, web, django_assert_max_num_queries
):
    client = web(actors.county_admin)
    make_case(actors.township_a1, windows.a1, seq=1)
    client.get(reverse("windows:queue"))  # warm the per-process caches
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("windows:queue"), {"sort": "first_responder"})
    # the export is itself an audit record (on PostgreSQL behind an advisory lock): counted on its own
    with django_assert_max_num_queries(14) as few_export:
        client.get(reverse("windows:queue"), {"export": "xlsx"})
    for seq in range(2, 12):
        make_case(actors.township_a2, windows.a2, seq=seq)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("windows:queue"), {"sort": "first_responder"})
    with django_assert_max_num_queries(len(few_export.captured_queries)):
        client.get(reverse("windows:queue"), {"export": "xlsx"})
