"""The windows' other lists as a clerk uses them (issue 14): the service windows and the follow-ups of bad ratings
sort by a header, page by the size chosen, find by keyword, export the filtered view, stay in scope, and cost the
same queries at 3 rows and 30."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories.windows import ServiceWindowFactory
from tests.listing import assert_flat_query_count, column, sheet_rows
from windows import services
from windows.choices import FollowUpStatus
from windows.models import RatingFollowUp

from .ratings_helpers import finished_case

pytestmark = pytest.mark.django_db


def _names(response):
    return [w.name for w in response.context["page"]]


def test_windows_sort_by_staff_on_duty_and_by_name(windows, actors, web):
    windows.a2.staff.add(actors.township_a2, actors.county_staff)
    client = web(actors.county_admin)
    url = reverse("windows:window_list")
    assert _names(client.get(url, {"sort": "-staff"})) == ["员村街道社会救助窗口", "五山街道社会救助窗口"]
    assert _names(client.get(url, {"sort": "staff"})) == ["五山街道社会救助窗口", "员村街道社会救助窗口"]
    html = client.get(url, {"sort": "staff"}).content.decode()
    assert 'aria-sort="ascending"' in html and "---------" not in html


def test_a_window_is_found_by_name_or_address_in_scope(windows, regions, actors, web):
    ServiceWindowFactory(region=regions.a1_village, name="华工社区服务点", address="五山路 381 号")
    client = web(actors.county_admin)
    url = reverse("windows:window_list")
    assert _names(client.get(url, {"q": "员村"})) == ["员村街道社会救助窗口"]
    assert _names(client.get(url, {"q": "381"})) == ["华工社区服务点"]
    assert _names(client.get(url, {"q": "桂园"})) == []  # county B


def test_the_windows_export_is_the_filtered_sorted_view(windows, actors, web):
    rows = sheet_rows(
        web(actors.county_admin).get(reverse("windows:window_list"), {"sort": "-name", "export": "xlsx"})
    )
    names = column(rows, "窗口")
    assert sorted(names) == ["五山街道社会救助窗口", "员村街道社会救助窗口"] and names == sorted(
        names, reverse=True
    )
    by_name = dict(zip(names, column(rows, "值班人员"), strict=True))
    assert by_name["五山街道社会救助窗口"] == actors.township_a1.get_full_name()
    assert dict(zip(names, column(rows, "区划代码"), strict=True))["员村街道社会救助窗口"] == "440106002"


def test_the_windows_list_costs_the_same_for_30_rows(
    windows, regions, actors, web, django_assert_max_num_queries
):
    client = web(actors.county_admin)

    def thirty_more():
        for n in range(30):
            ServiceWindowFactory(
                region=regions.a2_village, name=f"服务点{n:02d}", duty_officer=actors.township_a2
            )

    assert_flat_query_count(
        lambda: client.get(reverse("windows:window_list"), {"sort": "duty"}),
        thirty_more,
        django_assert_max_num_queries,
    )
    page = client.get(reverse("windows:window_list"), {"per_page": "20", "page": "2"}).context["page"]
    assert page.paginator.per_page == 20 and len(page) == 12


def _bad_ratings(actors, windows, dues):
    """One dissatisfied rating per callback due date given (a follow-up each), on windows A1 and A2 in turn."""
    made = []
    for seq, due in enumerate(dues, start=1):
        window = windows.a1 if seq % 2 else windows.a2
        actor = actors.township_a1 if seq % 2 else actors.township_a2
        case = finished_case(actors, window, seq=seq, actor=actor)
        services.rating_submit(case=case, grade=1, comment="态度差", channel="online")
        follow_up = RatingFollowUp.objects.get(rating__case=case)
        RatingFollowUp.objects.filter(pk=follow_up.pk).update(callback_due=due)
        made.append(follow_up)
    return made


def _cases(response):
    return [f.rating.case.number for f in response.context["page"]]


def test_follow_ups_sort_by_callback_due_and_find_by_case_number(windows, actors, web):
    dues = [dt.date(2026, 12, 20), dt.date(2026, 12, 5), dt.date(2026, 12, 12)]
    made = _bad_ratings(actors, windows, dues)
    numbers = [f.rating.case.number for f in made]
    client = web(actors.county_admin)
    url = reverse("windows:ratings")
    assert _cases(client.get(url, {"sort": "callback_due"})) == [numbers[1], numbers[2], numbers[0]]
    assert _cases(client.get(url, {"sort": "-callback_due"})) == [numbers[0], numbers[2], numbers[1]]
    assert _cases(client.get(url, {"q": numbers[2][-6:]})) == [numbers[2]]
    RatingFollowUp.objects.filter(pk=made[0].pk).update(status=FollowUpStatus.CLOSED)
    assert _cases(client.get(url, {"status": "closed"})) == [numbers[0]]
    assert _cases(web(actors.outsider).get(url)) == []


def test_the_follow_ups_export_is_the_filtered_sorted_view_without_applicants(windows, actors, web):
    made = _bad_ratings(actors, windows, [dt.date(2026, 12, 20), dt.date(2026, 12, 5)])
    rows = sheet_rows(
        web(actors.county_admin).get(reverse("windows:ratings"), {"sort": "callback_due", "export": "xlsx"})
    )
    assert column(rows, "事项编号") == [made[1].rating.case.number, made[0].rating.case.number]
    assert column(rows, "回访期限") == [dt.datetime(2026, 12, 5), dt.datetime(2026, 12, 20)]
    assert column(rows, "窗口") == ["员村街道社会救助窗口", "五山街道社会救助窗口"]
    assert "张三" not in str(rows)  # the applicant is not on the list, nor in its export


def test_the_follow_ups_cost_the_same_for_more_rows(windows, actors, web, django_assert_max_num_queries):
    client = web(actors.county_admin)
    _bad_ratings(actors, windows, [dt.date(2026, 12, 1)])
    seqs = iter(range(10, 40))

    def more():
        for _ in range(8):
            seq = next(seqs)
            case = finished_case(actors, windows.a2, seq=seq, actor=actors.township_a2)
            services.rating_submit(case=case, grade=2, comment="慢", channel="online")

    assert_flat_query_count(
        lambda: client.get(reverse("windows:ratings"), {"sort": "first_responder"}),
        more,
        django_assert_max_num_queries,
    )
    assert RatingFollowUp.objects.count() == 9
