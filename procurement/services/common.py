"""Helpers the procurement services share: validation, today, access checks, project events."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from core.workflow import apply_transition, next_state
from regions import access

from ..choices import ProjectStatus
from ..models import Project, ProjectEvent, ThresholdSet
from ..rules import PROJECT_TRANSITIONS, Thresholds


def today() -> dt.date:
    return timezone.localdate()


def check(obj: models.Model, *, exclude: list[str] | None = None) -> None:
    """full_clean, turning errors into the ValidationError the API and pages show (nothing saved yet)."""
    obj.full_clean(exclude=exclude)


def fail(errors: dict[str, str] | list[str] | str) -> None:
    """Raise the given errors as a ValidationError (no-op when empty)."""
    if errors:
        raise ValidationError(errors)


def decimal_or_error(value, field: str, errors: dict) -> Decimal | None:
    """The value as a Decimal, or None with an error recorded under `field`."""
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        errors[field] = _("须为数字")
        return None


def money_or_error(value, field: str, errors: dict) -> Decimal | None:
    """The value as a non-negative amount, or None (or the negative amount) with an error under `field`."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        errors[field] = _("须为金额")
        return None
    if amount < 0:
        errors[field] = _("金额不能为负")
    return amount


def require_acting(actor, code: str) -> None:
    """404 out of scope, 403 without an acting role (services are also called by tasks and other apps)."""
    if actor is None:
        return
    access.require_role(actor, code)


def thresholds_for(region_code: str, year: int) -> Thresholds:
    """The binding figures: latest year ≤ `year`, the most specific region prefixing `region_code` (domain.md 9)."""
    rows = [
        row
        for row in ThresholdSet.objects.filter(year__lte=year).select_related("region")
        if row.region is None or region_code.startswith(row.region.code)
    ]
    if not rows:
        return Thresholds()
    best = max(rows, key=lambda r: (r.year, len(r.region.code) if r.region else 0))
    return Thresholds(
        procurement_limit=best.procurement_limit,
        open_tender_threshold=best.open_tender_threshold,
        price_weight_min=best.price_weight_min,
        price_weight_max=best.price_weight_max,
        single_source_addition_pct=best.single_source_addition_pct,
    )


def record_event(project: Project, *, action: str, from_status: str, actor, note: str = "") -> ProjectEvent:
    return ProjectEvent.objects.create(
        project=project,
        action=action,
        from_status=from_status,
        to_status=project.status,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
    )


def project_step(actor, project: Project, action: str, *, note: str = "", **changes) -> Project:
    """Move the project by `action` (409 when the table does not allow it or someone moved it first)."""
    old = project.status
    new = next_state(PROJECT_TRANSITIONS, old, action, labels=ProjectStatus)
    apply_transition(Project.objects, project, new, **changes)
    record_event(project, action=action, from_status=old, actor=actor, note=note)
    return project
