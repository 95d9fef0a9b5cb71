"""Periodic jobs of the evaluation app (gathered into the beat schedule by config/celery.py)."""

from celery.schedules import crontab

SCHEDULE = {
    "evaluation-due-reminders": {
        "task": "evaluation.tasks.evaluation_reminders_task",
        "schedule": crontab(hour=7, minute=30),
    },
}
