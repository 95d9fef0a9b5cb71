"""Training before the system (系统启用前培训): a worker already in post when the product starts gets a recorded
entry (date, type, evidence) that counts as the training of its type (粤民发〔2018〕170号 二(五))."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regions import access
from regions.audit import set_actor
from staffing.models import Worker

from ..models import PriorTraining
from ..rules import prior_training_errors
from .assessment import ASSESSOR_ROLES
from .compliance import worker_compliance_queue


@transaction.atomic
def prior_training_record(
    *,
    actor,
    worker: Worker,
    training_type: str,
    completed_on: dt.date,
    title: str,
    evidence: str,
    organiser: str = "",
    hours: Decimal = Decimal("0.0"),
    political_education: bool = False,
) -> PriorTraining:
    """Record a training the worker had before the system, with its evidence; the worker's snapshots of that year
    and of this year are recomputed on commit. The same type on the same day is recorded once (400)."""
    access.require_role(actor, worker.region.code, ASSESSOR_ROLES)
    today = timezone.localdate()
    entry = PriorTraining(
        worker=worker,
        training_type=training_type,
        completed_on=completed_on,
        title=(title or "").strip(),
        evidence=(evidence or "").strip(),
        organiser=(organiser or "").strip(),
        hours=hours,
        political_education=political_education,
        recorded_by=actor,
    )
    errors = prior_training_errors(completed_on=completed_on, today=today, evidence=entry.evidence)
    try:
        entry.full_clean(exclude=["worker", "recorded_by"], validate_constraints=False)
    except ValidationError as exc:
        errors = {**{k: " ".join(v) for k, v in exc.message_dict.items()}, **errors}
    if errors:
        raise ValidationError(errors)
    duplicate = {"completed_on": _("该人员同一日期已登记过同类培训")}
    if PriorTraining.objects.filter(
        worker=worker, training_type=training_type, completed_on=completed_on
    ).exists():
        raise ValidationError(duplicate)
    with set_actor(actor):
        try:
            with transaction.atomic():
                entry.save()
        except IntegrityError:
            raise ValidationError(duplicate) from None
    for year in {completed_on.year, today.year}:
        worker_compliance_queue([worker.pk], year)
    return entry
