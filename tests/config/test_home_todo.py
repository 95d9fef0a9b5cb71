"""The home page lists what waits for the user (issue 14), with counts and links, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from staffing.models import CaseloadImport
from tests.factories.windows import make_case
from windows.models import Case

pytestmark = pytest.mark.django_db


def _todo(response) -> dict[str, tuple[int, str]]:
    return {str(item.label): (item.count, item.url) for item in response.context["todo"]}


def _due(case, step_due, case_due=None):
    Case.objects.filter(pk=case.pk).update(due_date=step_due, case_due_date=case_due or step_due)


def test_overdue_and_due_this_week_count_my_first_cases_and_the_cases_at_my_desk(windows, actors, web):
    today = timezone.localdate()
    overdue = make_case(actors.township_a1, windows.a1, seq=1)
    soon = make_case(actors.township_a1, windows.a1, seq=2)
    later = make_case(actors.township_a1, windows.a1, seq=3)
    elsewhere = make_case(actors.township_a2, windows.a2, seq=4)
    _due(overdue, today - dt.timedelta(days=1), today + dt.timedelta(days=20))
    _due(soon, today + dt.timedelta(days=7), today + dt.timedelta(days=30))  # the 7th day is still this week
    _due(later, today + dt.timedelta(days=8), today + dt.timedelta(days=30))
    _due(elsewhere, today - dt.timedelta(days=3))
    todo = _todo(web(actors.township_a1).get("/"))
    assert todo["超期事项（我首问或在我处办理）"][0] == 1
    assert todo["本周到期事项（我首问或在我处办理）"][0] == 1
    # the county sees both townships' cases but none sits at its own desk and it received none
    assert "超期事项（我首问或在我处办理）" not in _todo(web(actors.county_admin).get("/"))


def test_the_overdue_link_opens_the_queue_on_exactly_those_cases(windows, actors, web):
    today = timezone.localdate()
    overdue = make_case(actors.township_a1, windows.a1, seq=1)
    make_case(actors.township_a1, windows.a1, seq=2)
    _due(overdue, today - dt.timedelta(days=2))
    client = web(actors.township_a1)
    count, url = _todo(client.get("/"))["超期事项（我首问或在我处办理）"]
    listed = client.get(url).context["page"]
    assert [c.number for c in listed] == [overdue.number] and count == 1


def test_a_transfer_waits_for_the_receiving_township(windows, actors, web, regions):
    case = make_case(actors.township_a1, windows.a1, seq=1)
    Case.objects.filter(pk=case.pk).update(
        status="transferred", region=regions.a2, region_code=regions.a2.code
    )
    count, url = _todo(web(actors.township_a2).get("/"))["待接收的转办"]
    assert count == 1 and url.endswith("?status=transferred")
    assert "待接收的转办" not in _todo(web(actors.township_a1).get("/"))


def test_a_validated_import_waits_for_its_uploader_with_a_link_to_its_page(actors, web, regions):
    imp = CaseloadImport.objects.create(filename="户数.xlsx", uploaded_by=actors.county_admin, state="valid")
    count, url = _todo(web(actors.county_admin).get("/"))["待确认的户数导入"]
    assert (count, url) == (1, reverse("staffing:caseload_import_status", args=[imp.pk]))
    assert "待确认的户数导入" not in _todo(web(actors.county_staff).get("/"))


def test_nothing_waiting_says_so(actors, web, regions):
    html = web(actors.provincial_viewer).get("/").content.decode()
    assert "目前没有等您处理的事项。" in html


def test_the_home_page_takes_as_many_queries_with_many_cases_as_with_one(
    windows, actors, web, django_assert_max_num_queries
):
    client = web(actors.township_a1)
    make_case(actors.township_a1, windows.a1, seq=1)
    client.get("/")
    with django_assert_max_num_queries(20) as one:
        client.get("/")
    for seq in range(2, 10):
        make_case(actors.township_a1, windows.a1, seq=seq)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get("/")


def test_the_to_do_list_speaks_english_under_en(windows, actors, web):
    make_case(actors.township_a1, windows.a1, seq=1)
    Case.objects.update(status="transferred", region_code="440106001")
    client = web(actors.township_a1)
    client.cookies["django_language"] = "en"
    try:
        html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    finally:
        translation.activate(settings.LANGUAGE_CODE)  # the middleware leaves the thread in English
    assert "Waiting for you" in html and "Transfers waiting for acceptance" in html


def test_the_county_admin_is_shown_its_townships_overdue_cases_and_the_link_lists_them(
    windows, actors, web, regions
):
    today = timezone.localdate()
    late_a1 = make_case(actors.township_a1, windows.a1, seq=1)
    late_a2 = make_case(actors.township_a2, windows.a2, seq=2)
    on_time = make_case(actors.township_a1, windows.a1, seq=3)
    _due(late_a1, today - dt.timedelta(days=1))
    _due(late_a2, today - dt.timedelta(days=4))
    _due(on_time, today)  # due today is not overdue yet
    client = web(actors.county_admin)
    count, url = _todo(client.get("/"))["辖区内超期事项（督办）"]
    assert count == 2
    listed = client.get(url).context["page"]
    assert sorted(c.number for c in listed) == sorted([late_a1.number, late_a2.number])
    # township staff are not shown the county's line; the other county's admin has nothing late (no line)
    assert "辖区内超期事项（督办）" not in _todo(web(actors.township_a1).get("/"))
    assert "辖区内超期事项（督办）" not in _todo(web(actors.outsider).get("/"))
