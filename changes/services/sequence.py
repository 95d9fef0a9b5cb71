"""The sequencer: pending writes become feed entries with a gap-free, increasing cursor (issue 16).

Why a sequencer. Transactions commit in an order their ids do not follow: a reader paging by an id assigned during
the transaction would step over a row whose transaction committed after the reader passed its id, and never see
it. Here the cursor (`seq`) is handed out after the commit, by one batch at a time under a lock on `FeedHead`:
a batch reads the pending rows that are committed now, numbers its entries after the previous batch's last one,
and commits before the next batch can start. A reader therefore never sees a higher `seq` before a lower one, and
a cursor, once passed, has nothing appear behind it. (On PostgreSQL the lock is a row lock on the head; SQLite
has one writer at a time anyway.)

What an entry says is read from the record at sequencing time, not from the write: the record exists → created
(first time reported) or updated; it does not → deleted (if it was ever reported). A record whose region changed
since it was last reported gets a `deleted` entry (moved) in its old region before the entry in the new one, and
the records whose region is reached through it (a worker's attendances) are queued too. So a caller's copy built
from the feed up to any cursor equals what the sequencer last saw of every record in its scope.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from .. import registry
from ..choices import ChangeAction
from ..models import Change, FeedHead, PendingChange, Tracked
from .webhooks import deliveries_fan_out

BATCH = 2000


def _current(resource: registry.Resource, ids: list[int]) -> dict[int, tuple[str, str]]:
    """id → (region code, lookup value) of the records that exist now (one query)."""
    fields = ["pk", resource.lookup_field] + ([resource.region_path] if resource.region_path else [])
    rows = resource.model._base_manager.filter(pk__in=ids).values_list(*fields)
    return {row[0]: ((row[2] or "") if resource.region_path else "", str(row[1])) for row in rows}


def _entries_for(
    resource: registry.Resource, ids: list[int], now: dt.datetime
) -> tuple[list[Change], list[PendingChange]]:
    current = _current(resource, ids)
    tracked = {t.object_id: t for t in Tracked.objects.filter(resource=resource.name, object_id__in=ids)}
    entries: list[Change] = []
    moved: list[int] = []
    upserts: list[Tracked] = []
    gone: list[int] = []

    def entry(pk: int, action: str, region: str, lookup: str, is_move: bool = False) -> None:
        entries.append(
            Change(
                resource=resource.name,
                object_id=pk,
                lookup=lookup,
                action=action,
                region_code=region,
                moved=is_move,
                at=now,
            )
        )

    for pk in ids:
        known = tracked.get(pk)
        if pk in current:
            region, lookup = current[pk]
            if known is not None and known.region_code != region:
                entry(pk, ChangeAction.DELETED, known.region_code, known.lookup, is_move=True)
                moved.append(pk)
            entry(pk, ChangeAction.UPDATED if known else ChangeAction.CREATED, region, lookup)
            upserts.append(Tracked(resource=resource.name, object_id=pk, region_code=region, lookup=lookup))
        elif known is not None:
            entry(pk, ChangeAction.DELETED, known.region_code, known.lookup)
            gone.append(pk)
    Tracked.objects.bulk_create(
        upserts,
        update_conflicts=True,
        unique_fields=["resource", "object_id"],
        update_fields=["region_code", "lookup"],
    )
    Tracked.objects.filter(resource=resource.name, object_id__in=gone).delete()
    return entries, _followers_of(resource, moved)


def _followers_of(resource: registry.Resource, moved: list[int]) -> list[PendingChange]:
    """The records whose region is reached through the moved ones, queued for the next batch."""
    if not moved:
        return []
    return [
        PendingChange(resource=follower.name, object_id=pk)
        for follower, path in registry.followers().get(resource.name, ())
        for pk in follower.model._base_manager.filter(**{f"{path}__in": moved}).values_list("pk", flat=True)
    ]


def _touched(pending: list[tuple[int, str, int]]) -> dict[str, list[int]]:
    """Each resource's records in the batch, in the order of their last write."""
    last: dict[tuple[str, int], int] = {}
    for pid, resource, object_id in pending:
        last[(resource, object_id)] = pid
    by_resource: dict[str, list[int]] = defaultdict(list)
    for (resource, object_id), _pid in sorted(last.items(), key=lambda item: item[1]):
        by_resource[resource].append(object_id)
    return by_resource


@transaction.atomic
def changes_sequence(*, batch: int = BATCH) -> int:
    """Number one batch of committed pending writes; returns how many pending rows it consumed (0: none left)."""
    head, _ = FeedHead.objects.select_for_update().get_or_create(pk=1)
    pending = list(PendingChange.objects.order_by("pk").values_list("pk", "resource", "object_id")[:batch])
    if not pending:
        return 0
    now = timezone.now()
    known = registry.resources()
    entries: list[Change] = []
    queued: list[PendingChange] = []
    for name, ids in _touched(pending).items():
        if name in known:  # a resource no longer served by the API: its pending rows are dropped
            made, followers = _entries_for(known[name], ids, now)
            entries += made
            queued += followers
    for offset, change in enumerate(entries, start=1):
        change.seq = head.last_seq + offset
    Change.objects.bulk_create(entries)
    FeedHead.objects.filter(pk=head.pk).update(last_seq=head.last_seq + len(entries))
    PendingChange.objects.filter(pk__in=[pid for pid, _, _ in pending]).delete()
    PendingChange.objects.bulk_create(queued)
    deliveries_fan_out(entries)
    return len(pending)


def changes_sequence_all(*, rounds: int = 50) -> int:
    """Sequence until nothing is pending (bounded: a steady stream of writes does not keep one task forever)."""
    total = 0
    for _ in range(rounds):
        consumed = changes_sequence()
        if not consumed:
            break
        total += consumed
    return total


def has_pending() -> bool:
    return PendingChange.objects.exists()


def head() -> int:
    """The last cursor handed out (0 before the first change)."""
    value: Any = FeedHead.objects.filter(pk=1).values_list("last_seq", flat=True).first()
    return int(value or 0)
