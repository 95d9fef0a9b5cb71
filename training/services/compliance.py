"""Compliance snapshots, recomputed by Celery (beat, and on commit after a change): organisers' once-a-year
training and, per worker, pre-job and rotation training (粤民发〔2018〕170号 二(五))."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.bulk import delete_rows
from core.tasks import dispatch_on_commit
from regions.access import users_with_role
from regions.choices import Role
from regions.models import Region
from regions.notifications import notify
from staffing.choices import WorkerStatus
from staffing.models import Worker

from ..choices import ORGANISER_LEVELS, SessionStatus
from ..compliance_selectors import SnapshotRow, completions, snapshot_rows, workers_in_post
from ..models import OrganiserCompliance, PlannedTraining, TrainingSession, WorkerCompliance
from ..rules import organiser_status
from ..tasks import organiser_compliance_task, worker_compliance_task
from . import compliance_sql


def organiser_compliance_queue(code: str, year: int) -> None:
    """Recompute one organiser's snapshot of `year` once the current transaction commits (Celery)."""
    dispatch_on_commit(organiser_compliance_task, code, year)


def worker_compliance_queue(worker_ids: Iterable[int], year: int) -> None:
    """Recompute these workers' snapshots of `year` once the current transaction commits (Celery)."""
    ids = sorted(set(worker_ids))
    if ids:
        dispatch_on_commit(worker_compliance_task, ids, year)


@transaction.atomic
def organiser_compliance_recompute(
    *, year: int, prefix: str = "", code: str | None = None, today: dt.date | None = None
) -> int:
    """Recompute the organiser snapshots of `year` for every province/city/county region under `prefix`
    (or the one region `code`). Idempotent; returns how many snapshots were written. Four queries at any size."""
    today = today or timezone.localdate()
    organisers = Region.objects.filter(level__in=ORGANISER_LEVELS)
    organisers = organisers.filter(code=code) if code else organisers.filter(code__startswith=prefix)
    regions = list(organisers.only("id", "code"))
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


@transaction.atomic
def worker_compliance_recompute(
    *, year: int, prefix: str = "", worker_ids: list[int] | None = None, today: dt.date | None = None
) -> int:
    """Recompute the worker snapshots of `year`: every active worker under `prefix`, or the given workers. Returns
    the number of workers covered.

    A year covers the workers in post by its 31 December, judged as of that day (or today, if sooner): a past year
    keeps what was true at its end. Workers no longer active lose their snapshot for the year (they are no longer
    expected to train). Completed training counts from held sessions only: pre-job of any date up to then,
    rotation and hours within the calendar year; entries of training before the system count as their type.
    Only the rows that changed are written (a row whose figures are the same keeps its computed_at). On PostgreSQL
    computed and written by one statement (`compliance_sql`); elsewhere three reads and the pure rules in Python,
    the tests holding both to the same figures. Idempotent; all-or-nothing: one transaction, like staffing's
    compliance run.
    """
    today = today or timezone.localdate()
    workers = Worker.objects.all()
    if worker_ids is not None:
        workers = workers.filter(pk__in=worker_ids)
        left = WorkerCompliance.objects.filter(worker_id__in=worker_ids, year=year)
    else:
        workers = workers.filter(region__code__startswith=prefix) if prefix else workers
        left = WorkerCompliance.objects.filter(year=year, region_code__startswith=prefix)
    # a year's snapshot covers the workers in post by its end, judged as of its end (or today, if sooner)
    year_end = dt.date(year, 12, 31)
    as_of = min(today, year_end)
    if connection.vendor == "postgresql":
        # one recompute of a year at a time: one row per worker
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"training-compliance-{year}"])
            # no JIT for the one statement below: compiling it costs seconds, running it well under one (as staffing's)
            cursor.execute("SET LOCAL jit = off")
    # rows of workers no longer active: deleted through the ORM, audited, as a worker's leaving is
    left.exclude(worker__status=WorkerStatus.ACTIVE).delete()
    if connection.vendor == "postgresql":
        return compliance_sql.write_changed(workers, year=year, as_of=as_of, today=today, now=timezone.now())[
            0
        ]
    batch = workers_in_post(workers, year)
    done = completions(
        year=year,
        as_of=as_of,
        ids=[pk for pk, _, _ in batch] if worker_ids is not None else None,
        prefix=prefix,
    )
    rows = snapshot_rows(batch, done, year=year, today=today)
    _write_changed(year, rows, workers)
    return len(rows)


def _write_changed(year: int, rows: list[SnapshotRow], workers) -> None:
    """Elsewhere than PostgreSQL (SQLite): the rows computed in Python, written where they changed, as
    `compliance_sql.WRITE_SQL` does in one statement on PostgreSQL; rows of workers in scope no longer covered
    (starting after the year) deleted."""
    old = {
        s.worker_id: s for s in WorkerCompliance.objects.filter(year=year, worker_id__in=workers.values("pk"))
    }
    now = timezone.now()
    changed, new = [], []
    for row in rows:
        s = old.pop(row.worker_id, None)
        if s is None:
            new.append(WorkerCompliance(year=year, computed_at=now, **row._asdict()))
        elif any(getattr(s, f) != v for f, v in row._asdict().items()):
            for f, v in row._asdict().items():
                setattr(s, f, v)
            s.computed_at = now
            changed.append(s)
    if old:
        delete_rows(WorkerCompliance.objects.filter(pk__in=[s.pk for s in old.values()]))
    WorkerCompliance.objects.bulk_update(changed, [*SnapshotRow._fields[1:], "computed_at"], batch_size=2000)
    WorkerCompliance.objects.bulk_create(new, batch_size=2000)


def missing_training_notify(*, year: int, prefix: str = "") -> int:
    """Tell each county admin how many of their county's workers are missing training (awaiting pre-job training
    or rotation missing). Idempotent: a county is told again only when its number changes. Returns notifications sent."""
    counts = dict(
        WorkerCompliance.objects.filter(year=year, compliant=False, region_code__startswith=prefix)
        .annotate(county=Substr("region_code", 1, 6))
        .values("county")
        .annotate(n=Count("id"))
        .values_list("county", "n")
    )
    if not counts:
        return 0
    admins = users_with_role(counts, [Role.COUNTY_ADMIN])
    sent = 0
    for county, n in counts.items():
        sent += notify(
            admins.get(county, []),
            title=_("%(year)s 年有 %(n)s 名经办人员培训未达标") % {"year": year, "n": n},
            body=_("未参加岗前培训或定期轮训缺失，请安排培训（粤民发〔2018〕170号 二(五)）。"),
            url=f"{reverse('training:missing')}?year={year}&region={county}",
            kind="training_missing",
            key=f"training-missing:{county}:{year}:{n}",
        )
    return sent
