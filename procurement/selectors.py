"""Reads that are more than a filter."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from .models import Sanction


def debarments_on(on: dt.date) -> QuerySet[Sanction]:
    """Debarments in force on `on`, in the whole province (粤民发〔2018〕170号 一(七)): not scoped on purpose,
    a debarment decided anywhere binds everywhere."""
    return Sanction.objects.filter(debar_from__lte=on, debar_to__gte=on)


def debarred_contractor_ids(ids, on: dt.date) -> set[int]:
    return set(debarments_on(on).filter(contractor_id__in=list(ids)).values_list("contractor_id", flat=True))


def debarment_list(on: dt.date) -> QuerySet[Sanction]:
    """The public debarment list: in force or still to come, organisations only."""
    return (
        Sanction.objects.filter(debar_to__gte=on)
        .filter(~Q(debar_from=None))
        .select_related("contractor", "region")
        .order_by("debar_to", "contractor__name")
    )
