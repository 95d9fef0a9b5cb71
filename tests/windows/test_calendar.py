"""Item 2 of issue 11: the holiday table seeded from chinese-calendar and checked against the State Council's
published schedules (written here by hand, never read from the package); a year not loaded makes deadlines
provisional; admins are reminded from 1 November; the table is edited in the app with history."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404

from regions.choices import Role
from regions.models import Notification
from tests.conftest import make_user
from tests.factories.windows import make_case
from tests.windows.clock import at
from windows import rules, services
from windows.models import Holiday

pytestmark = pytest.mark.django_db
D = dt.date


def days(first: D, last: D) -> set[D]:
    return {first + dt.timedelta(n) for n in range((last - first).days + 1)}


# 国务院办公厅关于2026年部分节假日安排的通知: the days off (放假调休) and the make-up working days (上班)
STATE_COUNCIL_2026_OFF = (
    days(D(2026, 1, 1), D(2026, 1, 3))  # 元旦 1月1日至3日
    | days(D(2026, 2, 15), D(2026, 2, 23))  # 春节 2月15日（腊月二十八）至23日（正月初七）
    | days(D(2026, 4, 4), D(2026, 4, 6))  # 清明节
    | days(D(2026, 5, 1), D(2026, 5, 5))  # 劳动节
    | days(D(2026, 6, 19), D(2026, 6, 21))  # 端午节
    | days(D(2026, 9, 25), D(2026, 9, 27))  # 中秋节
    | days(D(2026, 10, 1), D(2026, 10, 7))  # 国庆节
)
STATE_COUNCIL_2026_WORK = {
    D(2026, 1, 4),
    D(2026, 2, 14),
    D(2026, 2, 28),
    D(2026, 5, 9),
    D(2026, 9, 20),
    D(2026, 10, 10),
}
# 国务院办公厅关于2025年部分节假日安排的通知
STATE_COUNCIL_2025_OFF = (
    {D(2025, 1, 1)}
    | days(D(2025, 1, 28), D(2025, 2, 4))
    | days(D(2025, 4, 4), D(2025, 4, 6))
    | days(D(2025, 5, 1), D(2025, 5, 5))
    | days(D(2025, 5, 31), D(2025, 6, 2))
    | days(D(2025, 10, 1), D(2025, 10, 8))
)
STATE_COUNCIL_2025_WORK = {D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)}


def national(year: int, working: bool) -> set[D]:
    rows = Holiday.objects.filter(region_code="", date__year=year, is_working_day=working)
    return set(rows.values_list("date", flat=True))


@pytest.mark.parametrize(
    ("year", "off", "work"),
    [
        (2026, STATE_COUNCIL_2026_OFF, STATE_COUNCIL_2026_WORK),
        (2025, STATE_COUNCIL_2025_OFF, STATE_COUNCIL_2025_WORK),
    ],
)
def test_the_seeded_table_is_the_state_councils_schedule(year, off, work):
    assert national(year, False) == off
    assert national(year, True) == work


def test_every_year_the_package_knows_is_seeded_with_older_special_days():
    assert set(range(2004, 2027)) <= services.loaded_years()
    # 2020: the Spring Festival extended to 2 February (国办发明电〔2020〕1号); 19 January a make-up working day
    assert {D(2020, 1, 31), D(2020, 2, 1), D(2020, 2, 2)} <= national(2020, False)
    assert D(2020, 1, 19) in national(2020, True)
    # 2015: 3 September, the 70th anniversary of the victory (纪念日), with Sunday 6 September worked
    assert Holiday.objects.get(date=D(2015, 9, 3), region_code="").name.startswith("中国人民抗日战争")
    assert D(2015, 9, 6) in national(2015, True)
    assert Holiday.objects.get(date=D(2026, 10, 10), region_code="").name == "国庆节调休上班"


def test_working_days_across_national_day_and_spring_festival_2026_hand_counted():
    calendar = services.working_calendar("", D(2026, 1, 1))
    # Mon 28 Sep + 5: 29, 30 Sep; 1–7 Oct off; Thu 8, Fri 9, Sat 10 Oct (调休上班)
    assert rules.add_working_days(D(2026, 9, 28), 5, calendar) == D(2026, 10, 10)
    # Thu 12 Feb + 3: Fri 13, Sat 14 (调休上班); 15–23 off; Tue 24 Feb
    assert rules.add_working_days(D(2026, 2, 12), 3, calendar) == D(2026, 2, 24)
    assert rules.working_days_between(D(2026, 9, 30), D(2026, 10, 8), calendar) == 1


def test_a_countys_own_day_counts_only_for_that_county(actors):
    services.holiday_save(
        actor=actors.county_admin,
        date=D(2026, 12, 2),
        is_working_day=False,
        name="地方节日",
        region_code="440106",
    )
    assert services.working_calendar("440106", D(2026, 12, 1))[D(2026, 12, 2)] is False
    assert D(2026, 12, 2) not in services.working_calendar("440303", D(2026, 12, 1))


# -- a year not loaded is an error, not a guess ------------------------------------------------------------------


def test_a_deadline_into_a_year_without_rows_is_provisional_until_the_schedule_is_entered(
    windows, actors, monkeypatch, django_capture_on_commit_callbacks
):
    assert 2027 not in services.loaded_years()
    at(monkeypatch, D(2026, 12, 21))  # Monday; dibao: whole case 1 + 30 + 5 = 36 working days
    case = make_case(actors.township_a1, windows.a1)
    assert case.deadline_provisional is True
    assert case.due_date == D(2026, 12, 22)  # the step clock ends in 2026
    # hand count, weekends only in 2027: Dec 22–25, 28–31 (8); Jan 4–8 … Feb 1–5 (33); Feb 8, 9 → 9 Feb
    assert case.case_due_date == D(2027, 2, 9)
    province_admin = make_user("province_admin", Role.COUNTY_ADMIN, "44")
    with django_capture_on_commit_callbacks(execute=True):
        services.holiday_save(actor=province_admin, date=D(2027, 1, 1), is_working_day=False, name="元旦")
    case.refresh_from_db()
    assert case.deadline_provisional is False
    assert case.case_due_date == D(2027, 2, 10)  # 1 January off: one day later


def test_a_deadline_within_loaded_years_is_not_provisional(windows, actors, monkeypatch):
    at(monkeypatch, D(2026, 6, 1))
    assert make_case(actors.township_a1, windows.a1).deadline_provisional is False


def test_provisional_is_shown_on_the_case_page_the_queue_and_the_api(windows, actors, monkeypatch, web, api):
    at(monkeypatch, D(2026, 12, 21))
    case = make_case(actors.township_a1, windows.a1)
    assert "期限待定" in web(actors.township_a1).get(f"/windows/cases/{case.number}/").content.decode()
    assert "期限待定" in web(actors.township_a1).get("/windows/queue/").content.decode()
    body = api(actors.township_a1).get(f"/api/v1/windows/cases/{case.number}/").json()
    assert body["deadline_provisional"] is True
    listed = api(actors.township_a1).get("/api/v1/windows/cases/?deadline_provisional=true").json()
    assert [c["number"] for c in listed["results"]] == [case.number]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 10, 31), None),  # the day before: no reminder yet
        (D(2026, 11, 1), 2027),  # from 1 November
        (D(2026, 12, 31), 2027),
        (D(2027, 1, 1), 2027),  # the year itself is missing
    ],
)
def test_the_missing_schedule_year_from_1_november(today, expected):
    assert rules.missing_schedule_year(today, {2025, 2026}) == expected


def test_next_year_loaded_means_no_reminder():
    assert rules.missing_schedule_year(D(2026, 11, 1), {2026, 2027}) is None


def test_the_reminder_job_notifies_admins_from_1_november_once(actors):
    assert services.holiday_schedule_remind(today=D(2026, 10, 31)) == 0
    assert services.holiday_schedule_remind(today=D(2026, 11, 1)) == 2
    assert services.holiday_schedule_remind(today=D(2026, 11, 2)) == 0
    sent = Notification.objects.filter(kind="holiday_schedule_missing", key="holiday_schedule_missing:2027")
    assert set(sent.values_list("user__username", flat=True)) == {"county_admin_a", "outsider_b"}


def _localdate_is(monkeypatch, day: D) -> None:
    from django.utils import timezone

    real = timezone.localdate
    monkeypatch.setattr(timezone, "localdate", lambda value=None, tz=None: real(value, tz) if value else day)


def test_the_banner_is_shown_to_admins_from_1_november_not_on_31_october(actors, web, monkeypatch):
    banner = "2027年全国节假日安排尚未录入"
    _localdate_is(monkeypatch, D(2026, 10, 31))
    cache.clear()
    assert banner not in web(actors.county_admin).get("/windows/queue/").content.decode()
    _localdate_is(monkeypatch, D(2026, 11, 1))
    cache.clear()
    assert banner in web(actors.county_admin).get("/windows/queue/").content.decode()
    assert banner not in web(actors.township_a1).get("/windows/queue/").content.decode()  # admins only


def test_the_banner_goes_once_next_years_schedule_is_entered(actors, web, monkeypatch):
    _localdate_is(monkeypatch, D(2026, 11, 2))
    page = web(actors.county_admin)
    assert "2027年全国节假日安排尚未录入" in page.get("/windows/queue/").content.decode()
    services.holiday_save(
        actor=make_user("province_admin", Role.COUNTY_ADMIN, "44"),
        date=D(2027, 1, 1),
        is_working_day=False,
        name="元旦",
    )
    assert "2027年全国节假日安排尚未录入" not in page.get("/windows/queue/").content.decode()


# -- edited in the app, by whom, with history --------------------------------------------------------------------


def test_a_county_admin_cannot_change_the_national_schedule(actors):
    with pytest.raises(PermissionDenied):
        services.holiday_save(
            actor=actors.county_admin, date=D(2027, 1, 1), is_working_day=False, name="元旦"
        )


def test_a_county_admin_adds_days_of_their_county_only(actors):
    made = services.holiday_save(
        actor=actors.county_admin,
        date=D(2026, 12, 2),
        is_working_day=False,
        name="节日",
        region_code="440106",
    )
    assert made.region_code == "440106"
    with pytest.raises(Http404):
        services.holiday_save(
            actor=actors.county_admin,
            date=D(2026, 12, 2),
            is_working_day=False,
            name="节日",
            region_code="440303",
        )
    with pytest.raises(PermissionDenied):  # in scope, without the admin role
        services.holiday_save(
            actor=actors.county_staff,
            date=D(2026, 12, 3),
            is_working_day=False,
            name="节日",
            region_code="440106",
        )


def test_holiday_page_lists_a_year_and_a_province_admin_adds_a_day_with_history(regions, web):
    admin = make_user("province_admin", Role.COUNTY_ADMIN, "44")
    page = web(admin)
    listed = page.get("/windows/holidays/?year=2026").content.decode()
    assert "2026-10-10" in listed and "国庆节调休上班" in listed
    assert "2027年的全国节假日安排尚未录入" in page.get("/windows/holidays/?year=2027").content.decode()
    response = page.post("/windows/holidays/new/", {"date": "2027-02-06", "kind": "holiday", "name": "春节"})
    assert response.status_code == 302
    row = Holiday.objects.get(date=D(2027, 2, 6), region_code="")
    assert LogEntry.objects.get_for_object(row).get().actor == admin
    response = page.post(
        f"/windows/holidays/{row.pk}/", {"date": "2027-02-06", "kind": "workday", "name": "春节调休上班"}
    )
    row.refresh_from_db()
    assert row.is_working_day is True
    page.post(f"/windows/holidays/{row.pk}/delete/")
    assert not Holiday.objects.filter(pk=row.pk).exists()
    assert LogEntry.objects.filter(object_pk=str(row.pk), content_type__model="holiday").count() == 3


def test_holiday_page_refuses_a_county_admin_on_national_rows(actors, web):
    response = web(actors.county_admin).post(
        "/windows/holidays/new/", {"date": "2027-01-01", "kind": "holiday", "name": "元旦"}, follow=True
    )
    assert response.status_code == 403
    assert not Holiday.objects.filter(date=D(2027, 1, 1)).exists()


def test_holiday_api_reads_a_year_and_writes_with_scope_and_clear_errors(regions, actors, api):
    admin = make_user("province_admin", Role.COUNTY_ADMIN, "44")
    rows = api(actors.township_a1).get("/api/v1/windows/holidays/?year=2026").json()
    assert {"date": "2026-10-10", "kind": "workday", "region_code": ""} | {"name": "国庆节调休上班"} in [
        {k: r[k] for k in ("date", "kind", "region_code", "name")} for r in rows
    ]
    assert (
        api(actors.county_admin)
        .post("/api/v1/windows/holidays/", {"date": "2027-01-01", "kind": "holiday", "name": "元旦"})
        .status_code
        == 403
    )
    made = api(actors.county_admin).post(
        "/api/v1/windows/holidays/",
        {"date": "2026-12-02", "kind": "holiday", "name": "地方节日", "region_code": "440106"},
    )
    assert made.status_code == 201 and made.json()["region_code"] == "440106"
    bad = api(admin).post(
        "/api/v1/windows/holidays/", {"date": "2027-01-01", "kind": "party", "name": "元旦"}
    )
    assert bad.status_code == 400 and "类型应为" in str(bad.json())
    twice = api(admin).post(
        "/api/v1/windows/holidays/", {"date": "2026-10-01", "kind": "holiday", "name": "国庆节"}
    )
    assert twice.status_code == 400 and "已有记录" in str(twice.json())
    pk = made.json()["id"]
    assert api(actors.outsider).delete(f"/api/v1/windows/holidays/{pk}/").status_code == 404
    assert api(actors.county_admin).delete(f"/api/v1/windows/holidays/{pk}/").status_code == 204


def test_reseeding_from_the_package_adds_missing_days_and_keeps_edited_rows(actors):
    row = Holiday.objects.get(date=D(2026, 10, 10), region_code="")
    Holiday.objects.filter(pk=row.pk).update(name="国庆节补班")
    Holiday.objects.filter(date=D(2026, 10, 1), region_code="").delete()
    assert services.holidays_seed_from_package() == 1
    assert Holiday.objects.get(pk=row.pk).name == "国庆节补班"
    assert Holiday.objects.get(date=D(2026, 10, 1), region_code="").name == "国庆节"
