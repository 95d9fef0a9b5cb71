"""Celery tasks: each fetches what it needs and calls a service (a task is an API, not a place for logic).

The services queue these tasks and these tasks call the services: both sides import the other's module and look
names up when called, so either may be imported first.
"""

from __future__ import annotations

from celery import shared_task

from . import services
from .models import CaseloadImport


@shared_task
def compliance_recompute_task(period: str) -> str:
    """Recompute one period's compliance snapshot if a recompute is pending (coalesced, idempotent)."""
    return services.compliance_run(period)


@shared_task
def compliance_nightly_task() -> list[str]:
    """Nightly: queue a recompute of the running month and the latest month with caseloads."""
    periods = services.current_periods()
    for period in periods:
        services.compliance_request(period)
    return periods


@shared_task
def caseload_import_validate_task(import_id: int) -> str:
    """Validate an uploaded caseload file into a preview or row errors (progress on the import row)."""
    imp = CaseloadImport.objects.select_related("uploaded_by").filter(pk=import_id).first()
    return _guarded(imp, services.caseload_import_validate) if imp else "missing"


@shared_task
def caseload_import_save_task(import_id: int) -> str:
    """Save a confirmed caseload file all at once (idempotent: only a 'valid' import is saved, once)."""
    imp = CaseloadImport.objects.select_related("uploaded_by").filter(pk=import_id).first()
    return _guarded(imp, services.caseload_import_save) if imp else "missing"


@shared_task
def caseload_imports_reclaim_task() -> int:
    """Every few minutes: imports whose worker died (no progress for IMPORT_STALE_AFTER) are released."""
    return services.caseload_imports_reclaim()


def _guarded(imp, step) -> str:
    """Run an import step; an unexpected error marks the import failed (the page stops waiting) and re-raises."""
    try:
        return step(imp)
    except Exception as exc:
        services.caseload_import_failed(imp, exc)
        raise
