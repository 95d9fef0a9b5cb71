"""Compliance snapshots, recomputed by Celery (beat, and on commit after a change): organisers' once-a-year
training and, per worker, pre-job and rotation training (粤民发〔2018〕170号 二(五))."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count
from django.utils import timezone

from regions.models import Region

from ..choices import ORGANISER_LEVELS, SessionStatus
from ..models import OrganiserCompliance, PlannedTraining, TrainingRule, TrainingSession
from ..rules import DEFAULT_PRE_JOB_GRACE_DAYS, organiser_status


def pre_job_grace_days(on: dt.date) -> int:
    """The grace period in force on a date (the latest `TrainingRule` effective by then; the default if none)."""
    rule = TrainingRule.objects.filter(effective_from__lte=on).order_by("-effective_from").first()
    return rule.pre_job_grace_days if rule else DEFAULT_PRE_JOB_GRACE_DAYS


def organiser_compliance_recompute(
    *, year: int, prefix: str = "", code: str | None = None, today: dt.date | None = None
) -> int:
    """Recompute the organiser snapshots of `year` for every province/city/county region under `prefix`
    (or the one region `code`). Idempotent; returns how many snapshots were written. Four queries at any size."""
    today = today or timezone.localdate()
    regions = Region.objects.filter(level__in=ORGANISER_LEVELS)
    regions = regions.filter(code=code) if code else regions.filter(code__startswith=prefix)
    regions = list(regions.only("id", "code"))
    ids = [r.id for r in regions]
    held: dict[int, list[dt.date]] = defaultdict(list)
    scheduled: dict[int, list[dt.date]] = defaultdict(list)
    sessions = TrainingSession.objects.filter(region_id__in=ids, plan__year=year).exclude(
        status=SessionStatus.CANCELLED
    )
    for region_id, status, starts_at in sessions.values_list("region_id", "status", "starts_at"):
        target = held if status == SessionStatus.HELD else scheduled
        target[region_id].append(timezone.localtime(starts_at).date())
    planned = dict(
        PlannedTraining.objects.filter(plan__region_id__in=ids, plan__year=year)
        .values("plan__region_id")
        .annotate(n=Count("id"))
        .values_list("plan__region_id", "n")
    )
    rows = [
        OrganiserCompliance(
            region_id=r.id,
            year=year,
            status=organiser_status(
                year=year,
                held_dates=held[r.id],
                scheduled_dates=scheduled[r.id],
                planned_count=planned.get(r.id, 0),
                today=today,
            ),
            sessions_held=len(held[r.id]),
            sessions_scheduled=len(scheduled[r.id]),
            planned_trainings=planned.get(r.id, 0),
            computed_at=timezone.now(),
        )
        for r in regions
    ]
    OrganiserCompliance.objects.bulk_create(
        rows,
        batch_size=1000,
        update_conflicts=True,
        unique_fields=["region", "year"],
        update_fields=["status", "sessions_held", "sessions_scheduled", "planned_trainings", "computed_at"],
    )
    return len(rows)
