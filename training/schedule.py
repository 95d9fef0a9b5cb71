"""Periodic jobs of training (gathered into the beat schedule by config/celery.py)."""

from celery.schedules import crontab

SCHEDULE = {
    "training-compliance-nightly": {
        "task": "training.tasks.compliance_recompute_task",
        "schedule": crontab(hour=2, minute=40),
    },
}
