"""Intake reads the reference tables (time limits, holidays, routing) from a copy kept per process under a version
(windows.reference_cache, issue 17): an edit is seen by the next intake, and the intake's queries are pinned.
Working days hand-counted across the 2026 National Day holiday (1–7 October off, Saturday 10 October worked)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.windows import id_number, make_case
from tests.windows.clock import at
from windows import reference_cache, services
from windows.models import RoutingRule

pytestmark = pytest.mark.django_db
D = dt.date
URL = "/api/v1/windows/cases/"


def test_edits_of_limits_holidays_and_routing_are_seen_by_the_next_intake(windows, actors, monkeypatch):
    at(monkeypatch, D(2026, 9, 29))  # a Tuesday
    first = make_case(actors.township_a1, windows.a1, category="temporary", seq=1)
    assert first.due_date == D(2026, 9, 30)  # accept: 1 working day
    assert first.department == "民政部门（社会救助）"

    services.deadline_rule_save(
        actor=actors.superuser, category="temporary", step="accept", working_days=3, source="本地默认"
    )
    # 3 from Tue 29 Sep: Wed 30 Sep (1); 1–7 Oct off; Thu 8 (2), Fri 9 Oct (3)
    assert make_case(actors.township_a1, windows.a1, category="temporary", seq=2).due_date == D(2026, 10, 9)

    services.holiday_save(
        actor=actors.county_admin,
        date=D(2026, 9, 30),
        is_working_day=False,
        name="县庆",
        region_code="440106",
    )
    # 30 Sep now off in 天河区: Thu 8 (1), Fri 9 (2), Sat 10 Oct worked (3)
    assert make_case(actors.township_a1, windows.a1, category="temporary", seq=3).due_date == D(2026, 10, 10)

    services.routing_rule_save(
        actor=actors.superuser, category="temporary", department="应急管理部门", collaborative=True
    )
    assert make_case(actors.township_a1, windows.a1, category="temporary", seq=4).department == "应急管理部门"


def test_a_change_announced_by_another_process_is_seen_by_the_next_intake(windows, actors):
    make_case(actors.township_a1, windows.a1, category="medical", seq=1)
    # another process changed the table (here: without this process's signal) and drew a new version
    RoutingRule.objects.filter(category="medical").update(department="区医疗保障局（测试）")
    assert (
        make_case(actors.township_a1, windows.a1, category="medical", seq=2).department
        != "区医疗保障局（测试）"
    )
    reference_cache.reference_changed()
    assert (
        make_case(actors.township_a1, windows.a1, category="medical", seq=3).department
        == "区医疗保障局（测试）"
    )


def test_intake_query_count_is_pinned(windows, actors, api, django_assert_num_queries):
    client = api(actors.township_a1)
    body = {
        "applicant_name": "王五",
        "id_number": id_number(77),
        "phone": "13712345678",
        "household_region": windows.a1.region.code,
        "window": windows.a1.pk,
        "category": "temporary",
        "channel": "walk_in",
        "description": "突发困难",
    }
    assert client.post(URL, body, format="json").status_code == 201  # the reference tables read once
    # the household region; the window; open cases of the same person and kind, each with whether the caller
    # sees it; in a transaction (a savepoint here, BEGIN and COMMIT in a request): the number's upsert, the case,
    # its audit entry, the receive event (its own record: no audit entry). The reference tables: none (kept by the
    # process). The caller's grants are read once a request (here: once, on the client's user).
    with django_assert_num_queries(9):
        response = client.post(URL, {**body, "id_number": id_number(78)}, format="json")
    assert response.status_code == 201
