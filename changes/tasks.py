"""Celery tasks: each calls a service (a task is an API, not a place for logic).

The services queue these tasks and these tasks call the services: both sides import the other's module and look
names up when called, so either may be imported first.
"""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def changes_sequence_task() -> int:
    """Number the committed writes into the feed (every few seconds, and when a reader finds some pending)."""
    return services.changes_sequence_all()


@shared_task
def delivery_send_task(delivery_id: int, manual: bool = False) -> bool | None:
    """One attempt of one webhook delivery (queued after the sequencer's commit, and again after each failure
    with the backoff as countdown)."""
    return services.delivery_send(delivery_id, manual=manual)


@shared_task
def deliveries_send_due_task() -> int:
    """Every minute: the pending deliveries whose retry time has passed (if their own task was lost)."""
    return services.deliveries_send_due()


@shared_task
def changes_prune_task() -> int:
    """Daily: remove the feed's entries older than the retention period."""
    return services.changes_prune()
