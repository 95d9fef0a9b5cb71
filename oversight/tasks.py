"""Celery tasks: each calls a service (a task is an API, not a place for logic).

The services queue these tasks and these tasks call the services: both sides import the other's module and look
names up when called, so either may be imported first.
"""

from __future__ import annotations

from celery import shared_task

from . import services


@shared_task
def overview_compute_task(period: str) -> int:
    """Compute one month's overview snapshots (idempotent)."""
    return services.overview_compute(period)


@shared_task
def overview_nightly_task() -> list[str]:
    """Nightly, after the areas' own jobs: the running month and the month before."""
    return services.overview_nightly()


@shared_task
def overdue_issues_notify_task() -> int:
    """Daily: the admins of a region with an open issue past its deadline are told (once per issue)."""
    return services.overdue_issues_notify()
