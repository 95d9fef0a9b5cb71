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
