"""Periodic jobs of the spine (gathered into the beat schedule by config/celery.py)."""

from celery.schedules import crontab

SCHEDULE = {
    "regions-audit-archive": {
        "task": "regions.tasks.audit_archive_task",
        # nightly: archives and purges only records older than the retention (at least 183 days)
        "schedule": crontab(minute=30, hour=2),
    },
}
