"""Item 3 of issue 11: two clocks (the step's and the whole case's), overdue never cleared by a later step and
counted by every report, and time limits that carry their source (hand-counted working days across the 2026
National Day holiday: 1–7 October off, Saturday 10 October worked, 国务院办公厅关于2026年部分节假日安排的通知)."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from regions.choices import Role
from tests.conftest import make_user
from tests.factories.windows import make_case
from tests.windows.clock import at
from windows import selectors, services
from windows.choices import CaseAction
from windows.models import Case, DeadlineRule

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def late_case(windows, actors, monkeypatch):
    """A disaster case (accept 1, feedback 3, close 5, whole case 9 working days) received and accepted on Tuesday
    29 September 2026."""
    at(monkeypatch, D(2026, 9, 29))
    return make_case(actors.township_a1, windows.a1, category="disaster", accept=True)


def test_both_clocks_count_working_days_across_national_day(late_case):
    # feedback, 3 from Tue 29 Sep: Wed 30 Sep (1); 1–7 Oct off; Thu 8 (2), Fri 9 Oct (3)
    assert late_case.due_date == D(2026, 10, 9)
    # whole case, 9 from 29 Sep: 30 Sep, 8, 9, Sat 10 (调休上班), 12, 13, 14, 15, 16 Oct
    assert late_case.case_due_date == D(2026, 10, 16)
    assert late_case.deadline_provisional is False


def test_an_overdue_case_that_is_assigned_stays_overdue_and_counted(late_case, actors, monkeypatch, api):
    assert services.cases_mark_overdue(today=D(2026, 10, 10)) == 1
    at(monkeypatch, D(2026, 10, 12))
    case = Case.objects.get(pk=late_case.pk)
    services.case_assign(actor=actors.township_a1, case=case, unit="社会事务办")
    case.refresh_from_db()
    assert case.due_date == D(2026, 10, 15)  # the step clock restarts: 13, 14, 15 Oct
    assert case.case_due_date == D(2026, 10, 16)  # the whole-case clock does not
    assert case.ever_overdue is True
    overdue = case.events.get(action=CaseAction.OVERDUE)
    assert overdue.actor is None
    assert "已受理" in overdue.note and "2026-10-09" in overdue.note
    # every report counts it though it is not overdue now
    figures = selectors.first_responder_figures(actors.township_a1, D(2026, 10, 12))
    assert (figures["overdue"], figures["ever_overdue"]) == (0, 1)
    totals = selectors.dashboard(actors.county_admin, today=D(2026, 10, 12))["totals"]
    assert (totals["overdue"], totals["ever_overdue"]) == (0, 1)
    body = api(actors.township_a1).get(f"/api/v1/windows/cases/{case.number}/").json()
    assert (body["overdue"], body["ever_overdue"], body["case_due_at"]) == (False, True, "2026-10-16")
    listed = api(actors.county_admin).get("/api/v1/windows/cases/?ever_overdue=true").json()["results"]
    assert [c["number"] for c in listed] == [case.number]


def test_a_step_past_the_limit_records_the_overdue_before_the_job_runs(late_case, actors, monkeypatch):
    at(monkeypatch, D(2026, 10, 12))
    services.case_assign(actor=actors.township_a1, case=late_case, unit="社会事务办")
    late_case.refresh_from_db()
    assert late_case.ever_overdue is True
    assert late_case.events.filter(action=CaseAction.OVERDUE).count() == 1
    assert services.cases_mark_overdue(today=D(2026, 10, 12)) == 0  # nothing left to record


def test_the_whole_case_clock_runs_out_even_when_every_step_is_on_time(late_case, actors, monkeypatch):
    at(monkeypatch, D(2026, 10, 8))
    # feedback step, 3 from Thu 8 Oct: Fri 9, Sat 10 (调休上班), Mon 12 Oct
    services.case_assign(actor=actors.township_a1, case=late_case, unit="社会事务办")
    late_case.refresh_from_db()
    assert late_case.due_date == D(2026, 10, 12)
    at(monkeypatch, D(2026, 10, 12))
    case = Case.objects.get(pk=late_case.pk)
    # on time; close step, 5 from Mon 12 Oct: 13, 14, 15, 16, 19 Oct
    services.case_feedback(actor=actors.township_a1, case=case, method="phone", content="已告知")
    case.refresh_from_db()
    assert case.due_date == D(2026, 10, 19)
    assert services.cases_mark_overdue(today=D(2026, 10, 17)) == 1
    assert services.cases_mark_overdue(today=D(2026, 10, 18)) == 0  # idempotent
    case.refresh_from_db()
    assert case.ever_overdue is True and case.overdue_marked_at is None
    assert "全程时限" in case.events.get(action=CaseAction.OVERDUE).note


def test_a_transfer_does_not_restart_the_whole_case_clock(late_case, actors, regions, monkeypatch):
    at(monkeypatch, D(2026, 10, 8))
    services.case_transfer(
        actor=actors.township_a1, case=late_case, kind="region", reason="户籍地", to_region=regions.a2
    )
    late_case.refresh_from_db()
    assert late_case.case_due_date == D(2026, 10, 16)
    assert late_case.due_date == D(2026, 10, 9)  # accept within 1 working day of the transfer


def test_the_overdue_stays_on_the_queue_and_the_case_page(late_case, actors, monkeypatch, web):
    services.cases_mark_overdue(today=D(2026, 10, 10))
    at(monkeypatch, D(2026, 10, 12))
    services.case_assign(actor=actors.township_a1, case=Case.objects.get(pk=late_case.pk), unit="社会事务办")
    page = web(actors.township_a1)
    assert "曾超期" in page.get(f"/windows/cases/{late_case.number}/").content.decode()
    assert "曾超期" in page.get("/windows/queue/").content.decode()
    assert "曾超期" in web(actors.county_admin).get("/windows/dashboard/").content.decode()


# -- time limits with their source ------------------------------------------------------------------------------


def test_every_default_limit_carries_its_source_and_dibao_cites_the_rule():
    dibao = DeadlineRule.objects.get(category="dibao", step="feedback", region_code="")
    assert (dibao.working_days, dibao.statutory) == (30, True)
    assert "最低生活保障审核确认办法" in dibao.source and "民发〔2021〕57号" in dibao.source
    others = DeadlineRule.objects.filter(region_code="").exclude(pk=dibao.pk)
    assert set(others.values_list("source", flat=True)) == {"本地默认"}
    assert DeadlineRule.objects.filter(region_code="", step="case").count() == 10


def test_a_countys_own_limit_applies_to_its_cases_only(actors):
    services.deadline_rule_save(
        actor=actors.county_admin,
        category="dibao",
        step="feedback",
        working_days=20,
        source="天河区民政局文件",
        region_code="440106",
    )
    # 20 from Mon 28 Sep: 29, 30 Sep; 8, 9, 10 Oct (5); 12–16 (10); 19–23 (15); 26–30 Oct (20)
    assert services.due_for("accepted", "dibao", D(2026, 9, 28), "440106001") == D(2026, 10, 30)
    # the province default, 30: 2–6 Nov (25), 9–13 Nov (30)
    assert services.due_for("accepted", "dibao", D(2026, 9, 28), "440303001") == D(2026, 11, 13)


@pytest.mark.parametrize(("days", "accepted"), [(30, True), (31, False), (1, True), (0, False)])
def test_a_county_may_shorten_a_statutory_limit_but_not_lengthen_it(actors, days, accepted):
    save = lambda: services.deadline_rule_save(  # noqa: E731
        actor=actors.county_admin,
        category="dibao",
        step="feedback",
        working_days=days,
        source="本县规定",
        region_code="440106",
    )
    if accepted:
        assert save().working_days == days
    else:
        with pytest.raises(ValidationError):
            save()


def test_a_local_default_may_be_lengthened_by_a_county(actors):
    rule = services.deadline_rule_save(
        actor=actors.county_admin,
        category="tekun",
        step="feedback",
        working_days=40,
        source="本地默认",
        region_code="440106",
    )
    assert rule.working_days == 40


def test_who_edits_which_limits(regions, actors):
    with pytest.raises(PermissionDenied):
        services.deadline_rule_save(
            actor=actors.county_admin, category="tekun", step="feedback", working_days=20, source="本地默认"
        )
    with pytest.raises(Http404):
        services.deadline_rule_save(
            actor=actors.county_admin,
            category="tekun",
            step="feedback",
            working_days=20,
            source="本地默认",
            region_code="440303",
        )
    province_admin = make_user("province_admin", Role.COUNTY_ADMIN, "44")
    rule = services.deadline_rule_save(
        actor=province_admin, category="tekun", step="feedback", working_days=25, source="本地默认"
    )
    assert rule.region_code == "" and rule.working_days == 25


def test_a_limit_needs_its_source(actors):
    with pytest.raises(ValidationError) as err:
        services.deadline_rule_save(
            actor=actors.county_admin,
            category="tekun",
            step="feedback",
            working_days=20,
            source=" ",
            region_code="440106",
        )
    assert "请填写依据" in str(err.value)


def test_time_limit_page_shows_sources_and_a_county_admin_saves_with_history(actors, web):
    page = web(actors.county_admin)
    assert "民发〔2021〕57号" in page.get("/windows/time-limits/").content.decode()
    page.post(
        "/windows/time-limits/save/",
        {
            "category": "dibao",
            "step": "feedback",
            "working_days": 20,
            "source": "天河区规定",
            "region_code": "440106",
        },
    )
    rule = DeadlineRule.objects.get(category="dibao", step="feedback", region_code="440106")
    assert LogEntry.objects.get_for_object(rule).get().actor == actors.county_admin
    refused = page.post(
        "/windows/time-limits/save/",
        {
            "category": "dibao",
            "step": "feedback",
            "working_days": 31,
            "source": "天河区规定",
            "region_code": "440106",
        },
        follow=True,
    )
    assert "不得超过法定时限 30 个工作日" in refused.content.decode()
    page.post(f"/windows/time-limits/{rule.pk}/delete/")
    assert not DeadlineRule.objects.filter(pk=rule.pk).exists()


def test_time_limit_api_lists_sources_and_refuses_past_the_law(actors, api):
    client = api(actors.county_admin)
    rows = client.get("/api/v1/windows/time-limits/").json()
    assert any(r["statutory"] and "民发〔2021〕57号" in r["source"] for r in rows)
    bad = client.post(
        "/api/v1/windows/time-limits/",
        {
            "category": "dibao",
            "step": "feedback",
            "working_days": 31,
            "source": "本县",
            "region_code": "440106",
        },
    )
    assert bad.status_code == 400 and "不得超过法定时限" in str(bad.json())
    made = client.post(
        "/api/v1/windows/time-limits/",
        {
            "category": "dibao",
            "step": "feedback",
            "working_days": 25,
            "source": "本县",
            "region_code": "440106",
        },
    )
    assert made.status_code == 200 and made.json()["working_days"] == 25
    assert api(actors.outsider).delete(f"/api/v1/windows/time-limits/{made.json()['id']}/").status_code == 404
    assert client.delete(f"/api/v1/windows/time-limits/{made.json()['id']}/").status_code == 204
