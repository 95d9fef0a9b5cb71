"""Tasks of the spine: loading a large region file (e.g. the province's ~26,000 villages) on a worker, the audit
trail's archive and chain check, the database backup."""

from __future__ import annotations

from celery import shared_task

from core.exceptions import Conflict

from . import backup
from .audit_retention import archive_and_purge, chain_check
from .backup_models import BackupStatus
from .imports import load_regions


@shared_task  # type: ignore[untyped-decorator]  # celery ships no type hints
def load_regions_task(path: str) -> dict[str, int]:
    """Load a CSV/XLSX region file; all rows or none. Returns the counts (the errors, if any, raise)."""
    result = load_regions(path)
    return {"created": result.created, "updated": result.updated, "unchanged": result.unchanged}


@shared_task  # type: ignore[untyped-decorator]  # celery ships no type hints
def audit_archive_task() -> int:
    """Archive and purge the audit records older than the retention; the number purged."""
    archive = archive_and_purge()
    return archive.count if archive else 0


@shared_task  # type: ignore[untyped-decorator]  # celery ships no type hints
def audit_chain_check_task() -> bool:
    """Verify the audit chain nightly; the result is itself a record, a break notifies the audit administrators."""
    return chain_check().ok


@shared_task  # type: ignore[untyped-decorator]  # celery ships no type hints
def backup_database_task() -> str:
    """The nightly database backup (regions.backup); its status. Skipped (conflict) while another runs."""
    try:
        return str(backup.backup_database().status)
    except Conflict:
        return "skipped"


@shared_task  # type: ignore[untyped-decorator]  # celery ships no type hints
def backup_execute_task(run_id: int) -> str:
    """A backup the system administrator started on the system page."""
    run = backup.backup_execute(run_id)
    return str(run.status) if run else str(BackupStatus.FAILED)
