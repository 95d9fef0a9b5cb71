"""Celery tasks: thin wrappers that call a service."""

from __future__ import annotations

from celery import shared_task

from .services import cases_mark_overdue


@shared_task
def cases_mark_overdue_task() -> int:
    """Mark overdue cases and notify first responders and supervisors (idempotent)."""
    return cases_mark_overdue()
