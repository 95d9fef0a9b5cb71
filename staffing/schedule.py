"""Periodic jobs (gathered into the beat schedule by config/celery.py)."""

from __future__ import annotations

from celery.schedules import crontab

SCHEDULE = {
    "staffing-compliance-nightly": {
        "task": "staffing.tasks.compliance_nightly_task",
        "schedule": crontab(hour=2, minute=30),
    },
    "staffing-caseload-imports-reclaim": {
        "task": "staffing.tasks.caseload_imports_reclaim_task",
        "schedule": crontab(minute="*/10"),
    },
}
