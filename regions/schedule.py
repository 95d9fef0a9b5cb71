"""Periodic jobs of the spine (gathered into the beat schedule by config/celery.py)."""

from celery.schedules import crontab

SCHEDULE = {
    "regions-audit-archive": {
        "task": "regions.tasks.audit_archive_task",
        # nightly: archives and purges only records older than the retention (at least 183 days)
        "schedule": crontab(minute=30, hour=2),
    },
    "regions-audit-chain-check": {
        "task": "regions.tasks.audit_chain_check_task",
        # nightly, after the archive job: the audit page shows the latest result
        "schedule": crontab(minute=0, hour=3),
    },
    "regions-backup-database": {
        "task": "regions.tasks.backup_database_task",
        # nightly, before the audit jobs: the system page warns when no backup succeeded in BACKUP_MAX_AGE_HOURS
        "schedule": crontab(minute=0, hour=2),
    },
}
