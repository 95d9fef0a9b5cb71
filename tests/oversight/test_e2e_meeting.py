"""The joint meeting end to end through the API, the daily job and the pages (issue 16, done when): a meeting with
two issues, one followed up and closed, the other past its deadline and its region's admin notified once; a
provincial system hears of both issues through the change feed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from changes import services as changes_services
from oversight.tasks import overdue_issues_notify_task
from regions.models import Notification

pytestmark = pytest.mark.django_db


def test_a_meeting_with_one_issue_closed_and_one_overdue_and_notified(regions, actors, api, client):
    changes_services.changes_sequence_all()
    cursor = changes_services.head()
    admin = api(actors.county_admin)
    meeting = admin.post(
        "/api/v1/oversight/meetings/",
        {
            "region": "440106",
            "held_on": "2026-10-09",
            "title": "天河区困难群众基本生活保障工作联席会议",
            "departments": ["civil_affairs", "establishment", "finance", "human_resources"],
            "decisions": "两项问题限期整改",
        },
        format="json",
    )
    assert meeting.status_code == 201, meeting.content
    past = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
    issues = {}
    for name, region, deadline in (("closed", "440106001", "2099-12-31"), ("overdue", "440106002", past)):
        made = admin.post(
            "/api/v1/oversight/issues/",
            {
                "meeting": meeting.json()["id"],
                "region": region,
                "area": "staffing",
                "description": f"{region} 经办人员缺口",
                "owner_department": "establishment",
                "deadline": deadline,
            },
            format="json",
        )
        assert made.status_code == 201, made.content
        issues[name] = made.json()["id"]
    follow = api(actors.township_a1).post(
        f"/api/v1/oversight/issues/{issues['closed']}/follow-up/", {"note": "已招聘 1 人"}
    )
    assert follow.status_code == 201 and follow.json()["status"] == "open"
    done = admin.post(
        f"/api/v1/oversight/issues/{issues['closed']}/follow-up/", {"note": "2 人均已到岗", "close": True}
    )
    assert done.status_code == 201 and done.json()["status"] == "closed"

    # the daily job: the overdue issue's region admin is told once a day, the closed one never
    assert overdue_issues_notify_task.delay().get() == 1
    assert overdue_issues_notify_task.delay().get() == 0
    note = Notification.objects.get(kind="oversight_issue_overdue")
    assert note.user == actors.county_admin and note.url == "/oversight/issues/?status=open"
    assert note.body.endswith(f" /oversight/issues/{issues['overdue']}/")
    client.force_login(actors.county_admin)
    page = client.get(f"/oversight/issues/{issues['overdue']}/").content.decode()
    assert "440106002 经办人员缺口" in page

    # the provincial system reads the meeting and both issues from the feed
    feed = api(actors.service_account).get(
        "/api/v1/changes/", {"since": cursor, "resource": "oversight.issue"}
    )
    assert sorted(e["id"] for e in feed.json()["results"]) == sorted(issues.values())
