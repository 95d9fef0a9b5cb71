"""Periodic jobs of the windows app (gathered into the beat schedule by config/celery.py)."""

from celery.schedules import crontab

SCHEDULE = {
    "windows-cases-mark-overdue": {
        "task": "windows.tasks.cases_mark_overdue_task",
        # every morning before the windows open, and again at noon
        "schedule": crontab(minute=30, hour="7,12"),
    },
    "windows-holiday-schedule-remind": {
        "task": "windows.tasks.holiday_schedule_remind_task",
        # daily; it notifies only from 1 November while next year's schedule is missing, once per admin and year
        "schedule": crontab(minute=0, hour=8),
    },
}
