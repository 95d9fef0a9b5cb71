"""Celery tasks: each fetches what it needs and calls a service (a task is an API, not a place for logic)."""

from __future__ import annotations

from celery import shared_task


@shared_task
def compliance_recompute_task(period: str) -> str:
    """Recompute one period's compliance snapshot if a recompute is pending (coalesced, idempotent)."""
    from .compliance import compliance_run

    return compliance_run(period)


@shared_task
def compliance_nightly_task() -> list[str]:
    """Nightly: queue a recompute of the running month and the latest month with caseloads."""
    from .compliance import compliance_request, current_periods

    periods = current_periods()
    for period in periods:
        compliance_request(period)
    return periods
