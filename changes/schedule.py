"""Periodic jobs (gathered into the beat schedule by config/celery.py)."""

from __future__ import annotations

SCHEDULE = {
    # the feed's delay: a write is in the feed (and its webhooks queued) at most this long after its commit
    "changes-sequence": {"task": "changes.tasks.changes_sequence_task", "schedule": 5.0},
    "changes-deliveries-due": {"task": "changes.tasks.deliveries_send_due_task", "schedule": 60.0},
    # once a day (in seconds: this module imports nothing of Celery's), entries past CHANGES_RETENTION_DAYS
    "changes-prune": {"task": "changes.tasks.changes_prune_task", "schedule": 86400.0},
}
