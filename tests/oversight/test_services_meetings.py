"""The joint meeting end to end: a meeting with two issues, one followed up and closed, one overdue and its
owner region's admins notified once; minutes limits; closing twice is a conflict."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from core.exceptions import Conflict
from oversight import services
from oversight.models import Issue, Meeting
from regions.models import Notification

pytestmark = pytest.mark.django_db


def _meeting(regions, actors, **extra):
    return services.meeting_create(
        actor=actors.county_admin,
        region=regions.county_a,
        held_on=dt.date(2026, 9, 20),
        title="天河区困难群众基本生活保障工作联席会议（第三季度）",
        departments=["civil_affairs", "finance", "establishment", "human_resources"],
        decisions="各街道于10月底前补齐经办人员。",
        **extra,
    )


def _issue(meeting, region, actor, deadline, area="staffing"):
    return services.issue_raise(
        actor=actor,
        meeting=meeting,
        region=region,
        area=area,
        description="五山街道经办人员缺口 2 人",
        owner_department="establishment",
        deadline=deadline,
    )


class TestMeetingEndToEnd:
    def test_one_issue_closed_after_follow_up_and_one_overdue_notified_once(self, regions, actors, settings):
        settings.EMAIL_NOTIFICATIONS = False
        meeting = _meeting(regions, actors)
        closed = _issue(meeting, regions.a1, actors.county_admin, dt.date(2026, 10, 31))
        overdue = _issue(meeting, regions.a2, actors.county_admin, dt.date(2026, 10, 15), area="training")
        services.issue_follow_up(actor=actors.township_a1, issue=closed, note="已招聘 1 人，另 1 人在公示")
        services.issue_follow_up(actor=actors.county_admin, issue=closed, note="2 人均已到岗", close=True)
        closed.refresh_from_db()
        assert closed.status == "closed" and closed.closed_at is not None
        assert closed.follow_ups.count() == 2

        assert services.overdue_issues_notify(today=dt.date(2026, 10, 15)) == 0  # the deadline day itself
        sent = services.overdue_issues_notify(today=dt.date(2026, 10, 16))
        assert sent == 1  # the county admin of 天河区 (the owner region's admin); the closed issue not at all
        note = Notification.objects.get(kind="oversight_issue_overdue")
        assert note.user == actors.county_admin and note.body.endswith(f"/oversight/issues/{overdue.pk}/")
        assert services.overdue_issues_notify(today=dt.date(2026, 10, 16)) == 0  # a second run the same day
        assert services.overdue_issues_notify(today=dt.date(2026, 10, 17)) == 1  # the next day's reminder
        assert Notification.objects.filter(kind="oversight_issue_overdue").count() == 2
        assert Meeting.objects.get().issues.count() == 2

    def test_five_overdue_issues_make_one_notification_a_day_for_the_admin(self, regions, actors):
        meeting = _meeting(regions, actors)
        for _ in range(5):
            _issue(meeting, regions.a1, actors.county_admin, dt.date(2026, 10, 15))
        services.overdue_issues_notify(today=dt.date(2026, 10, 16))
        services.overdue_issues_notify(today=dt.date(2026, 10, 16))
        mine = Notification.objects.filter(user=actors.county_admin, kind="oversight_issue_overdue")
        assert mine.count() == 1
        assert mine.get().title.startswith("5 个") and len(mine.get().body.splitlines()) == 5
        services.overdue_issues_notify(today=dt.date(2026, 10, 17))
        assert mine.count() == 2

    def test_a_closed_issue_takes_no_more_follow_up(self, regions, actors):
        issue = _issue(_meeting(regions, actors), regions.a1, actors.county_admin, dt.date(2026, 10, 31))
        services.issue_follow_up(actor=actors.county_admin, issue=issue, note="办结", close=True)
        with pytest.raises(Conflict):
            services.issue_follow_up(actor=actors.county_admin, issue=issue, note="再办结", close=True)

    def test_two_closing_at_once_one_wins(self, regions, actors):
        issue = _issue(_meeting(regions, actors), regions.a1, actors.county_admin, dt.date(2026, 10, 31))
        stale = Issue.objects.get(pk=issue.pk)
        services.issue_follow_up(actor=actors.county_admin, issue=issue, note="办结", close=True)
        with pytest.raises(Conflict):
            services.issue_follow_up(actor=actors.county_staff, issue=stale, note="也办结", close=True)
        assert Issue.objects.get(pk=issue.pk).follow_ups.count() == 1


class TestRules:
    def test_an_issue_outside_the_meetings_region_is_refused(self, regions, actors):
        meeting = _meeting(regions, actors)
        with pytest.raises(ValidationError):
            _issue(meeting, regions.b1, actors.superuser, dt.date(2026, 10, 31))

    def test_a_viewer_cannot_record_a_meeting(self, regions, actors):
        with pytest.raises(PermissionDenied):
            services.meeting_create(
                actor=actors.city_viewer,
                region=regions.city,
                held_on=dt.date(2026, 9, 1),
                title="会议",
                departments=["civil_affairs"],
            )

    def test_another_countys_meeting_is_out_of_scope(self, regions, actors):
        with pytest.raises(Http404):
            services.meeting_create(
                actor=actors.county_admin,
                region=regions.county_b,
                held_on=dt.date(2026, 9, 1),
                title="会议",
                departments=["civil_affairs"],
            )

    def test_no_department_is_refused(self, regions, actors):
        with pytest.raises(ValidationError):
            services.meeting_create(
                actor=actors.county_admin,
                region=regions.county_a,
                held_on=dt.date(2026, 9, 1),
                title="会议",
                departments=[],
            )

    @pytest.mark.parametrize(
        ("name", "size", "ok"),
        [
            ("纪要.pdf", 10 * 1024 * 1024, True),  # exactly 10 MB
            ("纪要.pdf", 10 * 1024 * 1024 + 1, False),
            ("纪要.exe", 100, False),
            ("纪要.docx", 100, True),
            ("纪要.pdf", 0, False),
        ],
    )
    def test_minutes_type_and_size_limits(self, regions, actors, name, size, ok, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        upload = SimpleUploadedFile(name, b"x" * size)
        if ok:
            assert _meeting(regions, actors, minutes=upload).minutes
        else:
            with pytest.raises(ValidationError):
                _meeting(regions, actors, minutes=upload)
            assert not Meeting.objects.exists()
