"""Reads for the training pages and API, always scoped to the user's regions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Avg, Count, Q, Sum
from django.db.models.functions import Substr
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions import access
from regions.models import Region
from staffing.choices import WorkerStatus
from staffing.models import Worker

from .choices import ORGANISER_LEVELS, PreJobStatus, RotationStatus, SessionStatus, TrainingType
from .compliance_selectors import worker_snapshots
from .models import (
    Attendance,
    OrganiserCompliance,
    PlannedTraining,
    PriorTraining,
    TrainingPlan,
    TrainingSession,
    WorkerCompliance,
)
from .rules import (
    YearRecord,
    missing_plan_types,
)

MONTHS = [
    gettext_lazy("一月"),
    gettext_lazy("二月"),
    gettext_lazy("三月"),
    gettext_lazy("四月"),
    gettext_lazy("五月"),
    gettext_lazy("六月"),
    gettext_lazy("七月"),
    gettext_lazy("八月"),
    gettext_lazy("九月"),
    gettext_lazy("十月"),
    gettext_lazy("十一月"),
    gettext_lazy("十二月"),
]


def default_region(user) -> Region | None:
    """The region a user's pages open on: their highest granted region (the province for a superuser)."""
    if user.is_superuser:
        return Region.objects.filter(code__in=["44"]).first() or Region.objects.order_by("code").first()
    codes = access.visible_prefixes(user)
    return Region.objects.filter(code=codes[0]).first() if codes else None


def visible_region(user, code: str | None) -> Region | None:
    """The region `code` if the user may see it (404 otherwise); the user's default region when none is given."""
    if not code:
        return default_region(user)
    access.require_visible(user, code)
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Http404
    return region


@dataclass
class CalendarMonth:
    number: int
    name: str
    planned: list = field(default_factory=list)
    sessions: list = field(default_factory=list)


def plan_calendar(user, region: Region, year: int) -> dict:
    """The organiser's plan of `year` month by month with the required types it lacks, and the plans of the
    organisers below it with theirs (six queries)."""
    plan = TrainingPlan.objects.visible_to(user).filter(region=region, year=year).first()
    months = [CalendarMonth(i + 1, str(name)) for i, name in enumerate(MONTHS)]
    unscheduled: list[PlannedTraining] = []
    if plan is not None:
        for item in PlannedTraining.objects.filter(plan=plan).order_by("month", "id"):
            (months[item.month - 1].planned if item.month else unscheduled).append(item)
        for session in TrainingSession.objects.filter(plan=plan).order_by("starts_at"):
            months[timezone.localtime(session.starts_at).month - 1].sessions.append(session)
    below = []
    if region.level in ("province", "city"):
        below_regions = Region.objects.filter(
            code__startswith=region.code, level__in=ORGANISER_LEVELS, parent__isnull=False
        ).exclude(code=region.code)
        below_regions = below_regions.filter(level="city" if region.level == "province" else "county")
        below_list = list(below_regions.order_by("code"))
        plans = plan_types_by_region(below_list, year)
        statuses = {
            c.region_id: c for c in OrganiserCompliance.objects.filter(region__in=below_list, year=year)
        }
        below = [
            (
                r,
                plans[r.id][0] if r.id in plans else None,
                statuses.get(r.id),
                "、".join(str(TrainingType(t).label) for t in missing_plan_types(plans[r.id][1]))
                if r.id in plans
                else "",
            )
            for r in below_list
        ]
    status = OrganiserCompliance.objects.filter(region=region, year=year).first()
    items = [i for m in months for i in m.planned] + unscheduled
    missing = missing_plan_types(i.training_type for i in items) if plan is not None else []
    return {
        "plan": plan,
        "missing_types": missing,
        "missing_labels": "、".join(str(TrainingType(t).label) for t in missing),
        "months": months,
        "unscheduled": unscheduled,
        "below": below,
        "organiser_status": status,
    }


LEVEL_LENGTH = {"province": 2, "city": 4, "county": 6, "township": 9, "village": 12}
CHILD_LEVEL = {"province": "city", "city": "county", "county": "township", "township": "village"}


@dataclass
class RollupRow:
    region: Region
    organiser_status: str | None = None
    organiser_status_label: str = ""
    sessions_held: int = 0
    workers: int = 0
    compliant: int = 0
    pre_job_awaiting: int = 0
    pre_job_late: int = 0
    rotation_missing: int = 0
    rotation_due: int = 0
    #: the staff posted at the region itself, not in any region below it
    own: bool = False
    #: the organiser's plan of the year: its status and the required types it lacks (None: no plan)
    plan_status: str | None = None
    plan_missing_types: list[str] | None = None

    @property
    def plan_missing_labels(self) -> str:
        return "、".join(str(TrainingType(t).label) for t in self.plan_missing_types or [])

    @property
    def name(self) -> str:
        return _("{name}（本级）").format(name=self.region.name) if self.own else self.region.name

    @property
    def rate(self) -> float | None:
        return round(100 * self.compliant / self.workers, 1) if self.workers else None

    def as_dict(self) -> dict:
        return {
            "region": self.region.code,
            "name": self.name,
            "own": self.own,
            "level": self.region.level,
            "organiser_status": self.organiser_status,
            "sessions_held": self.sessions_held,
            "workers": self.workers,
            "compliant": self.compliant,
            "compliance_rate": self.rate,
            "pre_job_awaiting": self.pre_job_awaiting,
            "pre_job_late": self.pre_job_late,
            "rotation_missing": self.rotation_missing,
            "rotation_due": self.rotation_due,
            "plan_status": self.plan_status,
            "plan_missing_types": self.plan_missing_types,
        }


def compliance_rollup(user, *, year: int, region: Region, level: str | None = None) -> list[RollupRow]:
    """Compliance of the regions at `level` (default: the level below `region`) under `region`, from the
    snapshots: organiser status and plan types (province/city/county) and worker counts grouped by code prefix.
    Five queries at organiser levels, three below."""
    level = level or CHILD_LEVEL.get(region.level, region.level)
    if level not in LEVEL_LENGTH or LEVEL_LENGTH[level] < len(region.code):
        raise ValidationError({"level": _("层级无效或高于所选区域")})
    regions = list(
        Region.objects.visible_to(user).filter(code__startswith=region.code, level=level).order_by("code")
    )
    rows = {r.code: RollupRow(region=r) for r in regions}
    if level in ORGANISER_LEVELS:
        for snap in OrganiserCompliance.objects.filter(year=year, region__in=regions).select_related(
            "region"
        ):
            row = rows[snap.region.code]
            row.organiser_status = snap.status
            row.organiser_status_label = snap.get_status_display()
            row.sessions_held = snap.sessions_held
        _plan_flags(rows, regions, year)
    n = LEVEL_LENGTH[level]
    counts = (
        WorkerCompliance.objects.visible_to(user)
        .filter(year=year, region_code__startswith=region.code)
        .annotate(prefix=Substr("region_code", 1, n))
        .values("prefix")
        .annotate(
            workers=Count("id"),
            compliant=Count("id", filter=Q(compliant=True)),
            pre_job_awaiting=Count("id", filter=Q(pre_job_status=PreJobStatus.AWAITING)),
            pre_job_late=Count("id", filter=Q(pre_job_status=PreJobStatus.LATE)),
            rotation_missing=Count("id", filter=Q(rotation_status="missing")),
            rotation_due=Count("id", filter=Q(rotation_status="due")),
        )
    )
    own = RollupRow(region=region, own=True)
    for c in counts:
        found = rows.get(c["prefix"], own if c["prefix"] == region.code else None)
        if found is not None:
            row = found
            for key in (
                "workers",
                "compliant",
                "pre_job_awaiting",
                "pre_job_late",
                "rotation_missing",
                "rotation_due",
            ):
                setattr(row, key, c[key])
    # workers posted at the region itself (e.g. the county bureau's own staff) are a row of their own: 本级
    return list(rows.values()) + ([own] if own.workers else [])


def plan_types_by_region(regions: list[Region], year: int) -> dict[int, tuple[TrainingPlan, set[str]]]:
    """The plans of `year` of these organisers with the training types their items cover. Two queries."""
    plans = {p.pk: p for p in TrainingPlan.objects.filter(region__in=regions, year=year)}
    types: dict[int, set[str]] = {pk: set() for pk in plans}
    items = PlannedTraining.objects.filter(plan_id__in=list(plans)).values_list("plan_id", "training_type")
    for plan_id, kind in items.distinct():
        types[plan_id].add(kind)
    return {p.region_id: (p, types[pk]) for pk, p in plans.items()}


def _plan_flags(rows: dict[str, RollupRow], regions: list[Region], year: int) -> None:
    """Flag each organiser's plan that misses a required type (粤民发〔2018〕170号 二(五) 列入年度计划)."""
    by_region = plan_types_by_region(regions, year)
    for region in regions:
        if region.id in by_region:
            plan, types = by_region[region.id]
            rows[region.code].plan_status = plan.status
            rows[region.code].plan_missing_types = missing_plan_types(types)


def missing_workers(user, *, year: int, region_code: str = "", include_due: bool = False):
    """Worker snapshots of `year` that need training (awaiting pre-job training, rotation missing; with
    `include_due` also rotation due this year), scoped to the user, with the worker and their region loaded."""
    need = Q(pre_job_status=PreJobStatus.AWAITING) | Q(rotation_status=RotationStatus.MISSING)
    if include_due:
        need |= Q(rotation_status=RotationStatus.DUE)
    return (
        WorkerCompliance.objects.visible_to(user)
        .filter(year=year, region_code__startswith=region_code)
        .filter(need)
        .select_related("worker__region")
        .order_by("region_code", "worker__name", "worker_id")
    )


def session_attendances(session: TrainingSession):
    """A session's attendance in sign-in order, with the worker, their region and the certificate loaded."""
    return (
        Attendance.objects.filter(session=session)
        .select_related("worker__region", "certificate")
        .order_by("signed_in_at", "id")
    )


def worker_compliance_of_year(
    worker: Worker, year: int, *, today: dt.date | None = None
) -> tuple[WorkerCompliance | None, bool]:
    """The worker's compliance of `year` and whether its snapshot is missing. The saved snapshot if there is one;
    otherwise, for a worker in post by the year's end, the live computation (not saved: reads never write, the
    caller queues the recompute); None for a worker the year does not cover."""
    saved = WorkerCompliance.objects.filter(worker=worker, year=year).first()
    if saved is not None:
        return saved, False
    today = today or timezone.localdate()
    year_end = dt.date(year, 12, 31)
    if worker.status != WorkerStatus.ACTIVE or worker.start_date > year_end:
        return None, False
    [live] = worker_snapshots(
        [(worker.pk, worker.region.code, worker.start_date)],
        year=year,
        as_of=min(today, year_end),
        today=today,
    )
    return live, True


def year_record(worker: Worker, year: int, *, compliant: bool) -> YearRecord:
    """The worker's completed training in `year` (sessions, hours, average score, political education — 党性和政治
    教育 from sessions and from prior-training entries) beside their compliance."""
    totals = Attendance.objects.filter(
        worker=worker, completed=True, session__status=SessionStatus.HELD, session__plan__year=year
    ).aggregate(
        n=Count("id"),
        hours=Sum("hours"),
        score=Avg("score"),
        political=Count("id", filter=Q(session__political_education=True)),
    )
    prior = PriorTraining.objects.filter(
        worker=worker, completed_on__year=year, political_education=True
    ).count()
    average = totals["score"]
    return YearRecord(
        sessions_attended=totals["n"] or 0,
        hours=totals["hours"] or Decimal("0.0"),
        average_score=Decimal(str(average)).quantize(Decimal("0.1")) if average is not None else None,
        compliant=compliant,
        political_sessions=totals["political"] + prior,
    )
