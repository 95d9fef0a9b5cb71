"""The feed is kept CHANGES_RETENTION_DAYS (default 183: the six months an audit asks of logs, 网络安全法 第二十一条);
older entries are removed by a daily job, with their webhook deliveries. A reader whose cursor lies before what was
removed would miss deletions, so the feed answers it 410 `cursor_expired` (api/views.py) and the client re-reads the
lists, then follows the feed from the cursor it read before them (docs/changes.md)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from ..models import Change, FeedHead


def pruned_through() -> int:
    """The last cursor whose entry was removed (0: nothing was)."""
    value = FeedHead.objects.filter(pk=1).values_list("pruned_through", flat=True).first()
    return int(value or 0)


@transaction.atomic
def changes_prune(*, now: dt.datetime | None = None) -> int:
    """Remove the entries older than the retention period (0 days keeps everything); returns how many. Runs under
    the sequencer's lock on the head, so no batch is numbered while the boundary moves."""
    days = settings.CHANGES_RETENTION_DAYS
    if days <= 0:
        return 0
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    head = FeedHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        return 0
    # entries are numbered in time order, so "older than the cutoff" is "up to a cursor"
    through = Change.objects.filter(at__lt=cutoff).aggregate(last=Max("seq"))["last"]
    if through is None or through <= head.pruned_through:
        return 0
    removed, _ = Change.objects.filter(seq__lte=through).delete()
    FeedHead.objects.filter(pk=1).update(pruned_through=through)
    return removed
