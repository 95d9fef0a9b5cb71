"""Reads for the training pages and API, always scoped to the user's regions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import timezone

from regions import access
from regions.models import Region

from .choices import ORGANISER_LEVELS
from .models import OrganiserCompliance, PlannedTraining, TrainingPlan, TrainingSession

MONTHS = ["一月", "二月", "三月", "四月", "五月", "六月", "七月", "八月", "九月", "十月", "十一月", "十二月"]


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
        from django.http import Http404

        raise Http404
    return region


@dataclass
class CalendarMonth:
    number: int
    name: str
    planned: list = field(default_factory=list)
    sessions: list = field(default_factory=list)


def plan_calendar(user, region: Region, year: int) -> dict:
    """The organiser's plan of `year` month by month, and the plans of the organisers below it (four queries)."""
    plan = TrainingPlan.objects.visible_to(user).filter(region=region, year=year).first()
    months = [CalendarMonth(i + 1, name) for i, name in enumerate(MONTHS)]
    unscheduled = []
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
        plans = {
            p.region_id: p
            for p in TrainingPlan.objects.filter(region__in=below_regions, year=year).visible_to(user)
        }
        statuses = {
            c.region_id: c for c in OrganiserCompliance.objects.filter(region__in=below_regions, year=year)
        }
        below = [(r, plans.get(r.id), statuses.get(r.id)) for r in below_regions.order_by("code")]
    status = OrganiserCompliance.objects.filter(region=region, year=year).first()
    return {
        "plan": plan,
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
    pre_job_overdue: int = 0
    pre_job_pending: int = 0
    rotation_missing: int = 0
    rotation_due: int = 0
    #: the staff posted at the region itself, not in any region below it
    own: bool = False

    @property
    def name(self) -> str:
        return f"{self.region.name}（本级）" if self.own else self.region.name

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
            "pre_job_overdue": self.pre_job_overdue,
            "pre_job_pending": self.pre_job_pending,
            "rotation_missing": self.rotation_missing,
            "rotation_due": self.rotation_due,
        }


def compliance_rollup(user, *, year: int, region: Region, level: str | None = None) -> list[RollupRow]:
    """Compliance of the regions at `level` (default: the level below `region`) under `region`, from the
    snapshots: organiser status (province/city/county) and worker counts grouped by code prefix. Three queries."""
    from django.db.models import Count, Q
    from django.db.models.functions import Substr

    from .models import WorkerCompliance

    level = level or CHILD_LEVEL.get(region.level, region.level)
    if level not in LEVEL_LENGTH or LEVEL_LENGTH[level] < len(region.code):
        from django.core.exceptions import ValidationError

        raise ValidationError({"level": "层级无效或高于所选区域 / level must be at or below the region"})
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
    n = LEVEL_LENGTH[level]
    counts = (
        WorkerCompliance.objects.visible_to(user)
        .filter(year=year, region_code__startswith=region.code)
        .annotate(prefix=Substr("region_code", 1, n))
        .values("prefix")
        .annotate(
            workers=Count("id"),
            compliant=Count("id", filter=Q(compliant=True)),
            pre_job_overdue=Count("id", filter=Q(pre_job_status="overdue")),
            pre_job_pending=Count("id", filter=Q(pre_job_status="pending")),
            rotation_missing=Count("id", filter=Q(rotation_status="missing")),
            rotation_due=Count("id", filter=Q(rotation_status="due")),
        )
    )
    own = RollupRow(region=region, own=True)
    for c in counts:
        row = rows.get(c["prefix"], own if c["prefix"] == region.code else None)
        if row is not None:
            for key in (
                "workers",
                "compliant",
                "pre_job_overdue",
                "pre_job_pending",
                "rotation_missing",
                "rotation_due",
            ):
                setattr(row, key, c[key])
    # workers posted at the region itself (e.g. the county bureau's own staff) are a row of their own: 本级
    return list(rows.values()) + ([own] if own.workers else [])


def missing_workers(user, *, year: int, region_code: str = "", include_due: bool = False):
    """Worker snapshots of `year` that need training (pre-job overdue, rotation missing; with `include_due`
    also pending/due), scoped to the user, with the worker and their region loaded."""
    from django.db.models import Q

    from .models import WorkerCompliance

    need = Q(pre_job_status="overdue") | Q(rotation_status="missing")
    if include_due:
        need |= Q(pre_job_status="pending") | Q(rotation_status="due")
    return (
        WorkerCompliance.objects.visible_to(user)
        .filter(year=year, region_code__startswith=region_code)
        .filter(need)
        .select_related("worker__region")
        .order_by("region_code", "worker__name", "worker_id")
    )
