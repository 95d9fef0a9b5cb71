from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from regions.models import Notification
from regions.notifications import notify, unread_count

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
    c.post(reverse("regions:notifications-read"))
    assert unread_count(actors.township_a1) == 0


def test_users_see_only_their_own_notifications(actors, web):
    notify([actors.township_a2], title="别人的通知")
    assert "别人的通知" not in web(actors.township_a1).get(reverse("regions:notifications")).content.decode()
