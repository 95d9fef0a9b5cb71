"""Compliance snapshots, recomputed by Celery (beat, and on commit after a change): organisers' once-a-year
training and, per worker, pre-job and rotation training (粤民发〔2018〕170号 二(五))."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from regions.models import Region

from ..choices import ORGANISER_LEVELS, SessionStatus, TrainingType
from ..models import (
    Attendance,
    OrganiserCompliance,
    PlannedTraining,
    TrainingRule,
    TrainingSession,
    WorkerCompliance,
)
from ..rules import (
    DEFAULT_PRE_JOB_GRACE_DAYS,
    is_worker_compliant,
    organiser_status,
    pre_job_deadline,
    pre_job_status,
    rotation_status,
)


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


WORKER_BATCH = 2000


def worker_compliance_recompute(
    *, year: int, prefix: str = "", worker_ids: list[int] | None = None, today: dt.date | None = None
) -> int:
    """Recompute the worker snapshots of `year`: every active worker under `prefix`, or the given workers.

    A year covers the workers in post by its 31 December, judged as of that day (or today, if sooner): a past year
    keeps what was true at its end. Workers no longer active lose their snapshot for the year (they are no longer
    expected to train). Completed training counts from held sessions only: pre-job of any date up to then,
    rotation and hours within the calendar year.
    Three queries per batch of 2,000 workers; idempotent.
    """
    from staffing.choices import WorkerStatus
    from staffing.models import Worker

    today = today or timezone.localdate()
    grace = pre_job_grace_days(today)
    workers = Worker.objects.all()
    if worker_ids is not None:
        workers = workers.filter(pk__in=worker_ids)
        WorkerCompliance.objects.filter(worker_id__in=worker_ids, year=year).exclude(
            worker__status=WorkerStatus.ACTIVE
        ).delete()
    else:
        workers = workers.filter(region__code__startswith=prefix)
        WorkerCompliance.objects.filter(year=year, region_code__startswith=prefix).exclude(
            worker__status=WorkerStatus.ACTIVE
        ).delete()
    # a year's snapshot covers the workers in post by its end, judged as of its end (or today, if sooner)
    year_end = dt.date(year, 12, 31)
    as_of = min(today, year_end)
    WorkerCompliance.objects.filter(year=year, start_date__gt=year_end).delete()
    workers = (
        workers.filter(status=WorkerStatus.ACTIVE, start_date__lte=year_end)
        .order_by("pk")
        .values_list("pk", "region__code", "start_date")
    )
    written = 0
    batch: list = []
    for row in workers.iterator(chunk_size=WORKER_BATCH):
        batch.append(row)
        if len(batch) >= WORKER_BATCH:
            written += _recompute_batch(batch, year, grace, as_of, today)
            batch = []
    if batch:
        written += _recompute_batch(batch, year, grace, as_of, today)
    return written


def _recompute_batch(batch: list, year: int, grace: int, as_of: dt.date, today: dt.date) -> int:
    ids = [pk for pk, _, _ in batch]
    pre_job: dict[int, list[dt.date]] = defaultdict(list)
    rotation: dict[int, list[dt.date]] = defaultdict(list)
    sessions: dict[int, int] = defaultdict(int)
    hours: dict[int, Decimal] = defaultdict(Decimal)
    rows = Attendance.objects.filter(
        worker_id__in=ids, completed=True, session__status=SessionStatus.HELD
    ).values_list("worker_id", "session__training_type", "session__starts_at", "hours")
    for worker_id, kind, starts_at, credited in rows:
        day = timezone.localtime(starts_at).date()
        if day > as_of:
            continue  # after the snapshot's date (a past year is judged as of its 31 December)
        if kind == TrainingType.PRE_JOB:
            pre_job[worker_id].append(day)
        if day.year == year:
            sessions[worker_id] += 1
            hours[worker_id] += credited
            if kind == TrainingType.ROTATION:
                rotation[worker_id].append(day)
    now = timezone.now()
    snapshots = []
    for pk, code, start in batch:
        pj = pre_job_status(start_date=start, completion_dates=pre_job[pk], grace_days=grace, today=as_of)
        rot = rotation_status(year=year, start_date=start, completion_dates=rotation[pk], today=today)
        snapshots.append(
            WorkerCompliance(
                worker_id=pk,
                year=year,
                region_code=code,
                start_date=start,
                pre_job_status=pj,
                pre_job_deadline=pre_job_deadline(start, grace),
                pre_job_completed_on=min(pre_job[pk]) if pre_job[pk] else None,
                rotation_status=rot,
                rotation_completed_on=min(rotation[pk]) if rotation[pk] else None,
                sessions_in_year=sessions[pk],
                hours_in_year=hours[pk],
                compliant=is_worker_compliant(pj, rot),
                computed_at=now,
            )
        )
    WorkerCompliance.objects.bulk_create(
        snapshots,
        update_conflicts=True,
        unique_fields=["worker", "year"],
        update_fields=[
            "region_code",
            "start_date",
            "pre_job_status",
            "pre_job_deadline",
            "pre_job_completed_on",
            "rotation_status",
            "rotation_completed_on",
            "sessions_in_year",
            "hours_in_year",
            "compliant",
            "computed_at",
        ],
    )
    return len(snapshots)


def missing_training_notify(*, year: int, prefix: str = "") -> int:
    """Tell each county admin how many of their county's workers are missing training (pre-job overdue or rotation
    missing). Idempotent: a county is told again only when its number changes. Returns notifications sent."""
    from django.db.models.functions import Substr

    from regions.models import RegionUserObjectPermission
    from regions.notifications import notify

    counts = dict(
        WorkerCompliance.objects.filter(year=year, compliant=False, region_code__startswith=prefix)
        .annotate(county=Substr("region_code", 1, 6))
        .values("county")
        .annotate(n=Count("id"))
        .values_list("county", "n")
    )
    if not counts:
        return 0
    admins: dict[str, list] = defaultdict(list)
    grants = RegionUserObjectPermission.objects.filter(
        content_object__code__in=list(counts), permission__codename="role_county_admin"
    ).select_related("user", "content_object")
    for grant in grants:
        admins[grant.content_object.code].append(grant.user)
    from django.urls import reverse

    sent = 0
    for county, n in counts.items():
        sent += notify(
            admins.get(county, []),
            title=f"{year} 年有 {n} 名经办人员培训未达标",
            body="岗前培训逾期或定期轮训缺失，请安排培训（粤民发〔2018〕170号 二(五)）。",
            url=f"{reverse('training:missing')}?year={year}&region={county}",
            kind="training_missing",
            key=f"training-missing:{county}:{year}:{n}",
        )
    return sent
