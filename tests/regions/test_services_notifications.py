from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from regions.models import Notification
from regions.notifications import mark_read, notify, notify_digest, unread_count

pytestmark = pytest.mark.django_db


def test_notify_with_key_is_idempotent(actors):
    assert notify([actors.township_a1], title="案件超期", key="case:1:overdue") == 1
    assert notify([actors.township_a1], title="案件超期", key="case:1:overdue") == 0
    assert Notification.objects.count() == 1


def test_notify_sends_email_when_configured(actors, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_NOTIFICATIONS = True
    actors.township_a1.email = "a1@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        notify([actors.township_a1], title="评价到期", body="合同将于本月结束")
    assert mail.outbox[0].subject == "评价到期"


def test_notification_page_lists_and_marks_read(actors, web):
    notify([actors.township_a1], title="案件超期提醒", url="/")
    c = web(actors.township_a1)
    page = c.get(reverse("regions:notifications")).content.decode()
    assert "案件超期提醒" in page
    c.post(reverse("regions:notifications-read"), {"all": "1"})  # the button 全部标为已读
    assert unread_count(actors.township_a1) == 0


def test_users_see_only_their_own_notifications(actors, web):
    notify([actors.township_a2], title="别人的通知")
    assert "别人的通知" not in web(actors.township_a1).get(reverse("regions:notifications")).content.decode()


# -- the notification page: filters, bulk read, export (issue 14) ------------------------------------------------


def test_the_page_filters_unread_by_area_and_keyword(actors, web):
    notify([actors.township_a1], title="求助事项已超期", kind="case_overdue")
    notify([actors.township_a1], title="绩效评价将到期", kind="evaluation_due")
    read = notify([actors.township_a1], title="培训未达标", kind="training_missing")
    assert read == 1
    Notification.objects.filter(title="培训未达标").update(read_at="2026-12-01T08:00:00Z")
    client = web(actors.township_a1)

    def titles(**params):
        return [n.title for n in client.get(reverse("regions:notifications"), params).context["page"]]

    assert sorted(titles(unread="true")) == ["求助事项已超期", "绩效评价将到期"]
    assert titles(unread="false") == ["培训未达标"]
    assert titles(area="evaluation") == ["绩效评价将到期"]
    assert titles(q="超期") == ["求助事项已超期"]


def test_ticked_notifications_are_marked_read_and_the_others_stay_unread(actors, web):
    for title in ("一", "二", "三"):
        notify([actors.township_a1], title=title)
    ids = list(Notification.objects.filter(title__in=["一", "二"]).values_list("pk", flat=True))
    response = web(actors.township_a1).post(
        reverse("regions:notifications-read"), {"id": ids, "next": "/regions/notifications/?unread=true"}
    )
    assert response["Location"] == "/regions/notifications/?unread=true"
    assert list(Notification.objects.filter(read_at__isnull=True).values_list("title", flat=True)) == ["三"]


def test_ticking_nothing_marks_nothing_and_says_so(actors, web):
    notify([actors.township_a1], title="一")
    response = web(actors.township_a1).post(reverse("regions:notifications-read"), follow=True)
    assert "请先勾选要标为已读的通知。" in response.content.decode()
    assert unread_count(actors.township_a1) == 1


def test_another_users_notification_cannot_be_marked_read(actors, web):
    notify([actors.township_a2], title="别人的")
    other = Notification.objects.get()
    web(actors.township_a1).post(reverse("regions:notifications-read"), {"id": [other.pk]})
    assert unread_count(actors.township_a2) == 1


def test_the_export_has_the_filtered_notifications(actors, web):
    notify([actors.township_a1], title="求助事项已超期", kind="case_overdue")
    notify([actors.township_a1], title="绩效评价将到期", kind="evaluation_due")
    response = web(actors.township_a1).get(
        reverse("regions:notifications"), {"area": "case", "export": "xlsx"}
    )
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("时间", "标题", "内容", "状态")
    assert [r[1:] for r in rows[1:]] == [("求助事项已超期", None, "未读")]


# -- one digest per person and day (issue 14) --------------------------------------------------------------------


def test_a_digest_is_one_notification_per_user_and_day_whatever_the_runs(actors):
    day = dt.date(2026, 12, 7)
    title = lambda n: f"{n} 件已超期"  # noqa: E731
    assert notify_digest({actors.township_a1: ["A", "B"]}, kind="case_overdue", day=day, title=title) == 1
    assert notify_digest({actors.township_a1: ["A", "B"]}, kind="case_overdue", day=day, title=title) == 0
    assert Notification.objects.count() == 1
    mark_read(actors.township_a1)
    # a later run the same day adds its new line to the same notification, unread again
    assert notify_digest({actors.township_a1: ["C"]}, kind="case_overdue", day=day, title=title) == 1
    n = Notification.objects.get()
    assert (n.title, n.body.splitlines(), n.read_at) == ("3 件已超期", ["A", "B", "C"], None)
    # the next day is a new notification
    notify_digest(
        {actors.township_a1: ["D"]}, kind="case_overdue", day=day + dt.timedelta(days=1), title=title
    )
    assert Notification.objects.count() == 2


def test_a_digest_line_ending_in_a_path_is_a_link_to_its_record_on_the_notifications_page(client, actors):
    notify_digest(
        {actors.township_a1: ["SQ-1 已超期 /windows/cases/7/", "没有链接的一行 <b>"]},
        kind="case_overdue",
        day=dt.date(2026, 12, 7),
        title=lambda n: f"{n} 件",
    )
    client.force_login(actors.township_a1)
    page = client.get(reverse("regions:notifications")).content.decode()
    assert '<a href="/windows/cases/7/">SQ-1 已超期</a>' in page
    assert "没有链接的一行 &lt;b&gt;" in page and "/windows/cases/7/</" not in page
