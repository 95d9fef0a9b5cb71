from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def supervision_overdue_task() -> int:
    """Daily: instructions past their deadline and not answered reach the county admins (idempotent)."""
    return services.overdue_notify()
