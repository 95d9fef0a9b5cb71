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


def eligible_work_kinds(contractor_id: int, purchaser_code: str, on: dt.date) -> set[str]:
    """The service categories the contractor may bid for with this purchaser on `on` (粤民发〔2018〕170号 一(三)).

    Reviews count when made by the purchaser's region or one above it, on or before `on`, and still valid;
    per category the latest review decides (a later failed review withdraws an earlier pass).
    """
    from regions.rules import ancestor_codes

    from .models import EligibilityReview

    codes = [*ancestor_codes(purchaser_code), purchaser_code]
    reviews = (
        EligibilityReview.objects.filter(
            contractor_id=contractor_id, region__code__in=codes, reviewed_on__lte=on
        )
        .filter(Q(valid_until=None) | Q(valid_until__gte=on))
        .order_by("work_kind", "-reviewed_on", "-id")
        .values_list("work_kind", "result")
    )
    latest: dict[str, str] = {}
    for work_kind, result in reviews:
        latest.setdefault(work_kind, result)
    return {kind for kind, result in latest.items() if result == "passed"}


def project_work_kinds(project) -> set[str]:
    return set(project.items.values_list("work_kind", flat=True))


def catalogue_visible_to(user):
    """Province-wide catalogue items and the local items of regions the user sees."""
    from .models import CatalogueItem

    local = CatalogueItem.objects.visible_to(user).values("pk")
    return CatalogueItem.objects.filter(Q(region=None) | Q(pk__in=local)).order_by("code")
