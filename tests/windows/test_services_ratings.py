"""好差评 (国办发〔2019〕51号): one rating per finished case, the follow-up of a bad one, the overdue job, figures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from config.celery import app
from core.exceptions import Conflict
from regions.models import Notification
from tests.factories.windows import make_case
from windows import selectors, services
from windows.models import CaseRating, FollowUpLimit, RatingFollowUp
from windows.services.ratings import follow_up_due
from windows.tasks import follow_ups_report_overdue_task

from .ratings_helpers import finished_case

pytestmark = pytest.mark.django_db

D = dt.date


def _bad(actors, windows, seq=1, grade=2):
    case = finished_case(actors, windows.a1, seq=seq)
    rating = services.rating_submit(case=case, grade=grade, comment="等候太久", channel="online")
    return rating, RatingFollowUp.objects.get(rating=rating)


def test_follow_up_limits_are_data_citing_the_national_rules():
    rows = {r.step: r for r in FollowUpLimit.objects.all()}
    assert rows["callback"].working_days == 15 and rows["rectify"].working_days == 15
    assert all("国办发〔2019〕51号" in r.source for r in rows.values())


def test_callback_due_counts_fifteen_working_days_over_weekends():
    # Monday 2026-11-02 + 15 working days: 3–6 (4), 9–13 (9), 16–20 (14), Monday 23 (15)
    assert follow_up_due("callback", D(2026, 11, 2)) == D(2026, 11, 23)


def test_an_open_case_cannot_be_rated(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    with pytest.raises(ValidationError) as exc:
        services.rating_submit(case=case, grade=5, channel="online")
    assert "办结" in str(exc.value.message_dict["case"])


def test_a_good_rating_opens_no_follow_up_and_is_attributed_to_window_and_first_responder(windows, actors):
    case = finished_case(actors, windows.a1)
    rating = services.rating_submit(case=case, grade=3, channel="online")
    assert rating.window == windows.a1 and rating.first_responder == actors.township_a1
    assert rating.region_code == "440106001"
    assert not RatingFollowUp.objects.exists()


@pytest.mark.parametrize(("grade", "opens"), [(5, False), (4, False), (3, False), (2, True), (1, True)])
def test_only_dissatisfied_and_very_dissatisfied_open_a_follow_up(windows, actors, grade, opens):
    case = finished_case(actors, windows.a1)
    services.rating_submit(case=case, grade=grade, channel="online")
    assert RatingFollowUp.objects.exists() is opens


def test_a_bad_rating_tells_the_county_admins(windows, actors):
    _bad(actors, windows)
    assert Notification.objects.filter(user=actors.county_admin, kind="rating_bad").count() == 1


def test_a_second_rating_of_a_case_is_a_conflict(windows, actors):
    case = finished_case(actors, windows.a1)
    services.rating_submit(case=case, grade=5, channel="online")
    with pytest.raises(Conflict):
        services.rating_submit(case=case, grade=1, channel="window", actor=actors.township_a1)
    assert CaseRating.objects.get().grade == 5


def test_an_unknown_grade_is_refused(windows, actors):
    case = finished_case(actors, windows.a1)
    with pytest.raises(ValidationError):
        services.rating_submit(case=case, grade=6, channel="online")


def test_verified_bad_rating_is_rectified_and_the_outcome_told(windows, actors):
    _rating, f = _bad(actors, windows)
    services.follow_up_verify(actor=actors.county_admin, follow_up=f, note="电话回访，属实")
    assert f.status == "rectifying" and f.verified is True and f.rectification_due is not None
    services.follow_up_rectify(actor=actors.county_admin, follow_up=f, note="增设取号机")
    services.follow_up_tell(
        actor=actors.county_admin, follow_up=f, method="phone", outcome="已整改，感谢监督"
    )
    f.refresh_from_db()
    assert f.status == "closed" and f.outcome == "已整改，感谢监督" and f.closed_at is not None


def test_the_staff_member_reviewed_cannot_handle_the_rating_but_may_appeal_once(windows, actors):
    _rating, f = _bad(actors, windows)
    with pytest.raises(PermissionDenied):
        services.follow_up_verify(actor=actors.township_a1, follow_up=f, note="不属实")
    with pytest.raises(PermissionDenied):
        services.follow_up_appeal(actor=actors.county_admin, follow_up=f, reason="代他申诉")
    services.follow_up_appeal(actor=actors.township_a1, follow_up=f, reason="申请人要求不符合政策")
    assert f.status == "appealed"
    with pytest.raises(Conflict):
        services.follow_up_appeal(actor=actors.township_a1, follow_up=f, reason="再次申诉")


def test_only_the_county_admin_decides_an_appeal(windows, actors):
    _rating, f = _bad(actors, windows)
    services.follow_up_appeal(actor=actors.township_a1, follow_up=f, reason="政策不允许")
    with pytest.raises(PermissionDenied):
        services.follow_up_uphold(actor=actors.county_staff, follow_up=f, decision="成立")
    services.follow_up_uphold(actor=actors.county_admin, follow_up=f, decision="经核实，按政策办理，申诉成立")
    assert f.status == "to_tell" and f.appeal_upheld is True and f.rectification_due is None


def test_a_dismissed_appeal_leads_to_rectification(windows, actors):
    _rating, f = _bad(actors, windows)
    services.follow_up_appeal(actor=actors.township_a1, follow_up=f, reason="理由")
    services.follow_up_dismiss(actor=actors.county_admin, follow_up=f, decision="申诉不成立")
    assert f.status == "rectifying" and f.verified is True and f.rectification_due is not None


def test_a_step_the_state_does_not_allow_is_a_conflict(windows, actors):
    _rating, f = _bad(actors, windows)
    with pytest.raises(Conflict):
        services.follow_up_rectify(actor=actors.county_admin, follow_up=f, note="整改")


def test_a_stale_follow_up_loses_to_the_first_writer(windows, actors):
    _rating, f = _bad(actors, windows)
    stale = RatingFollowUp.objects.get(pk=f.pk)
    services.follow_up_verify(actor=actors.county_admin, follow_up=f, note="属实")
    with pytest.raises(Conflict):
        services.follow_up_unfounded(actor=actors.county_staff, follow_up=stale, note="不属实")


def test_overdue_follow_ups_notify_county_admins_once_a_day(windows, actors):
    _rating, f = _bad(actors, windows)
    assert services.follow_ups_report_overdue(today=f.callback_due) == 0  # the due day itself is on time
    assert services.follow_ups_report_overdue(today=f.callback_due + dt.timedelta(days=1)) == 1
    assert services.follow_ups_report_overdue(today=f.callback_due + dt.timedelta(days=1)) == 0
    notes = Notification.objects.filter(kind="follow_up_overdue")
    assert [n.user for n in notes] == [actors.county_admin]
    assert notes.get().body.endswith(f"/windows/follow-ups/{f.pk}/")
    assert not Notification.objects.filter(kind="follow_up_overdue", user=actors.outsider).exists()


def test_five_overdue_follow_ups_make_one_notification_a_day_for_the_admin(windows, actors):
    follow_ups = [_bad(actors, windows, seq=seq)[1] for seq in range(1, 6)]
    day = max(f.callback_due for f in follow_ups) + dt.timedelta(days=1)
    services.follow_ups_report_overdue(today=day)
    services.follow_ups_report_overdue(today=day)
    mine = Notification.objects.filter(kind="follow_up_overdue", user=actors.county_admin)
    assert mine.count() == 1
    assert mine.get().title.startswith("5 件") and len(mine.get().body.splitlines()) == 5
    services.follow_ups_report_overdue(today=day + dt.timedelta(days=1))
    assert mine.count() == 2


def test_a_closed_follow_up_is_never_overdue(windows, actors):
    _rating, f = _bad(actors, windows)
    services.follow_up_unfounded(actor=actors.county_admin, follow_up=f, note="不属实")
    assert services.follow_ups_report_overdue(today=f.callback_due + dt.timedelta(days=30)) == 0


def test_figures_per_township_window_and_county(windows, actors):
    # A1: grades 5, 4, 2 (one bad, verified and rectified); A2: grade 1 (bad, waiting)
    for seq, grade in ((1, 5), (2, 4), (3, 2)):
        services.rating_submit(case=finished_case(actors, windows.a1, seq=seq), grade=grade, channel="online")
    a2 = finished_case(actors, windows.a2, seq=4, actor=actors.township_a2)
    services.rating_submit(case=a2, grade=1, channel="online")
    f = RatingFollowUp.objects.get(rating__grade=2)
    services.follow_up_verify(actor=actors.county_admin, follow_up=f, note="属实")
    services.follow_up_rectify(actor=actors.county_admin, follow_up=f, note="已整改")

    by_town = {r["key"]: r for r in selectors.rating_figures(actors.county_admin, "township")}
    assert by_town["440106001"]["total"] == 3 and by_town["440106001"]["grade_2"] == 1
    assert by_town["440106001"]["bad_share"] == 33.3  # 1 of 3
    assert by_town["440106001"]["callback_on_time"] == 1 and by_town["440106001"]["rectified_on_time"] == 1
    assert by_town["440106002"]["bad_share"] == 100.0 and by_town["440106002"]["rectified"] == 0
    county = selectors.rating_figures(actors.county_admin, "county")
    assert [(r["key"], r["total"], r["bad"], r["follow_ups"]) for r in county] == [("440106", 4, 2, 2)]
    by_window = {r["name"]: r["total"] for r in selectors.rating_figures(actors.county_admin, "window")}
    assert by_window == {"五山街道社会救助窗口": 3, "员村街道社会救助窗口": 1}
    assert selectors.rating_figures(actors.outsider, "county") == []


def test_overdue_follow_up_job_is_in_the_beat_schedule_and_runs_twice_safely(windows, actors):
    _rating, f = _bad(actors, windows)
    RatingFollowUp.objects.filter(pk=f.pk).update(callback_due=D(2020, 1, 6))
    entry = app.conf.beat_schedule["windows-follow-ups-report-overdue"]
    assert entry["task"] == "windows.tasks.follow_ups_report_overdue_task"
    assert follow_ups_report_overdue_task.delay().get() == 1
    assert follow_ups_report_overdue_task.delay().get() == 0
