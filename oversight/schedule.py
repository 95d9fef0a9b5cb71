"""Periodic jobs (gathered into the beat schedule by config/celery.py)."""

from __future__ import annotations

from celery.schedules import crontab

SCHEDULE = {
    # after staffing (02:30) and training's nightly recomputes: the overview reads their snapshots
    "oversight-overview-nightly": {
        "task": "oversight.tasks.overview_nightly_task",
        "schedule": crontab(hour=4, minute=0),
    },
    "oversight-overdue-issues": {
        "task": "oversight.tasks.overdue_issues_notify_task",
        "schedule": crontab(hour=8, minute=10),
    },
}
