"""Training tasks: each fetches what it needs and calls a service; safe to run twice.

The services queue these tasks on commit (training.services.compliance imports this module), so the tasks import
the services when they run: a top-level import here would close the cycle tasks → services → tasks.
"""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone


@shared_task
def organiser_compliance_task(code: str, year: int) -> int:
    """Recompute one organiser's once-a-year snapshot (queued on commit after a plan or session change)."""
    from .services.compliance import organiser_compliance_recompute  # noqa: PLC0415  (cycle: services queue tasks)

    return organiser_compliance_recompute(year=year, code=code)


@shared_task
def compliance_recompute_task(year: int | None = None, prefix: str = "") -> dict:
    """Nightly: recompute every organiser and worker snapshot under `prefix` (default: all) for `year`, or for
    this year and last year (so last year's "due" turns into "missing" once the year is over)."""
    from .services import compliance  # noqa: PLC0415  (cycle: services queue tasks)

    years = [year] if year else [timezone.localdate().year - 1, timezone.localdate().year]
    result: dict = {}
    for y in years:
        result[y] = {
            "organisers": compliance.organiser_compliance_recompute(year=y, prefix=prefix),
            "workers": compliance.worker_compliance_recompute(year=y, prefix=prefix),
            "notified": compliance.missing_training_notify(year=y, prefix=prefix),
        }
    return result


@shared_task
def worker_compliance_task(worker_ids: list[int], year: int) -> int:
    """Recompute the snapshots of the workers whose attendance just changed (queued on commit)."""
    from .services.compliance import worker_compliance_recompute  # noqa: PLC0415  (cycle: services queue tasks)

    return worker_compliance_recompute(year=year, worker_ids=worker_ids)
