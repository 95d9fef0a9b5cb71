"""In-app notifications (and e-mail when EMAIL_NOTIFICATIONS is on): the one way apps tell a user something."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification

log = logging.getLogger(__name__)


def notify(
    users: Iterable[Any], *, title: str, body: str = "", url: str = "", kind: str = "", key: str = ""
) -> int:
    """Send one notification to each user; with `key`, a user already notified with that key is skipped
    (so a job that runs twice does not notify twice). Returns how many were created."""
    users = [u for u in users if u is not None]
    if not users:
        return 0
    if key:
        already = set(Notification.objects.filter(key=key, user__in=users).values_list("user_id", flat=True))
        users = [u for u in users if u.pk not in already]
    Notification.objects.bulk_create(
        [Notification(user=u, title=title, body=body, url=url, kind=kind, key=key) for u in users],
        ignore_conflicts=bool(key),
    )
    if settings.EMAIL_NOTIFICATIONS:
        recipients = [u.email for u in users if u.email]
        if recipients:
            transaction.on_commit(lambda: _mail(title, body, url, recipients))
    return len(users)


def _mail(title: str, body: str, url: str, recipients: list[str]) -> None:
    try:
        send_mail(title, f"{body}\n\n{url}".strip(), settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # e-mail is a courtesy: the in-app notification is already saved
        log.exception("notification e-mail failed")


def unread_count(user: Any) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def mark_read(user: Any, ids: Iterable[int | str] | None = None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    return qs.update(read_at=timezone.now())
