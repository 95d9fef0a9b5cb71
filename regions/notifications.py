"""In-app notifications (and e-mail when EMAIL_NOTIFICATIONS is on): the one way apps tell a user something."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import partial
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


def notify_digest(
    lines_by_user: Mapping[Any, Sequence[str]],
    *,
    kind: str,
    day: dt.date,
    title: Callable[[int], str],
    url: str = "",
) -> int:
    """One notification per user, kind and day listing the day's items (issue 14: an overdue case makes one
    notification a day at most, not one per case and run). The key is `<kind>:<yyyymmdd>`; a later run the same
    day adds its new lines to that user's notification (unread again) instead of sending another, and a run with
    nothing new changes nothing. `title(n)` words the title for n lines. Returns how many users were told anything
    new."""
    key = f"{kind}:{day:%Y%m%d}"
    wanted = {user.pk: (user, list(dict.fromkeys(lines))) for user, lines in lines_by_user.items() if lines}
    existing = {n.user_id: n for n in Notification.objects.filter(key=key, user_id__in=list(wanted))}
    told, fresh, changed = [], [], []
    for pk, (user, lines) in wanted.items():
        old = existing.get(pk)
        if old is None:
            fresh.append(
                Notification(
                    user=user, kind=kind, key=key, url=url, title=title(len(lines)), body="\n".join(lines)
                )
            )
            told.append(user)
            continue
        known = old.body.splitlines()
        new = [line for line in lines if line not in known]
        if new:
            old.body = "\n".join([*known, *new])
            old.title, old.read_at = title(len(known) + len(new)), None
            changed.append(old)
            told.append(user)
    Notification.objects.bulk_create(fresh, ignore_conflicts=True)
    Notification.objects.bulk_update(changed, ["body", "title", "read_at"])
    if settings.EMAIL_NOTIFICATIONS:
        for n in [*fresh, *changed]:
            if n.user.email:
                transaction.on_commit(partial(_mail, n.title, n.body, url, [n.user.email]))
    return len(told)


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
