"""Celery tasks of procurement: thin wrappers over services."""

from __future__ import annotations

from celery import shared_task

from .services.reminders import send_supervision_reminders


@shared_task
def supervision_reminders_task() -> int:
    """Daily: overdue rectifications and contracts that should have started (idempotent)."""
    return send_supervision_reminders()
