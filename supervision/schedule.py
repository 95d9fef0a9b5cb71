"""Periodic jobs of supervision (listed in config/celery.py)."""

from celery.schedules import crontab

SCHEDULE = {
    "supervision-overdue": {
        "task": "supervision.tasks.supervision_overdue_task",
        "schedule": crontab(hour=7, minute=40),
    },
}
