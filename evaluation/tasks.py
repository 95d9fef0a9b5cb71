"""Celery tasks of the evaluation app: a task fetches by id and calls a service (safe to run twice)."""

from __future__ import annotations

from celery import shared_task

from . import services
from .services.reminders import send_due_reminders


@shared_task
def survey_aggregate_task(survey_id: int) -> int:
    """Recompute a survey's satisfaction scores after a response changed; returns the response count."""
    return services.survey_aggregate(survey_id=survey_id).response_count


@shared_task
def evaluation_reminders_task() -> int:
    """Remind the purchaser's staff of evaluations due at contract end; returns how many notifications were sent."""
    return send_due_reminders()
