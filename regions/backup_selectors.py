"""Reads of the backup status for the system page (regions.backup): the latest runs, the last success and whether
it is too old (rules.backup_overdue, settings.BACKUP_MAX_AGE_HOURS)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from . import rules
from .backup_models import BackupRun, BackupStatus


@dataclass(frozen=True)
class BackupOverview:
    runs: list[BackupRun]
    last_success: BackupRun | None
    overdue: bool
    running: bool
    max_age_hours: int
    directory: str
    keep: int


def backup_overview(now: dt.datetime, limit: int = 10) -> BackupOverview:
    runs = list(BackupRun.objects.select_related("requested_by").order_by("-started_at", "-id")[:limit])
    last = BackupRun.objects.filter(status=BackupStatus.SUCCESS).order_by("-finished_at", "-id").first()
    hours = settings.BACKUP_MAX_AGE_HOURS
    return BackupOverview(
        runs=runs,
        last_success=last,
        overdue=rules.backup_overdue(last.finished_at if last else None, now, hours),
        running=any(r.status == BackupStatus.RUNNING for r in runs)
        or BackupRun.objects.filter(status=BackupStatus.RUNNING).exists(),
        max_age_hours=hours,
        directory=str(settings.BACKUP_DIR),
        keep=settings.BACKUP_KEEP,
    )
