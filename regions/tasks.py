"""Tasks of the spine: loading a large region file (e.g. the province's ~26,000 villages) on a worker."""

from __future__ import annotations

from celery import shared_task

from .audit_retention import archive_and_purge, chain_check
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
