"""Periodic jobs of procurement (gathered into the beat schedule)."""

from __future__ import annotations

from celery.schedules import crontab

SCHEDULE = {
    "procurement-supervision-reminders": {
        "task": "procurement.tasks.supervision_reminders_task",
        "schedule": crontab(hour=7, minute=40),
    },
}
