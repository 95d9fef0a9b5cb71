"""Periodic jobs of the windows app (gathered into the beat schedule by config/celery.py)."""

from celery.schedules import crontab

SCHEDULE = {
    "windows-cases-mark-overdue": {
        "task": "windows.tasks.cases_mark_overdue_task",
        # every morning before the windows open, and again at noon
        "schedule": crontab(minute=30, hour="7,12"),
    },
}
