"""The overview job: every area's figures of a month into one snapshot per region (粤民发〔2018〕170号 三)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regions import access
from regions.choices import ADMIN_ROLES, RegionLevel
from regions.models import Region

from .. import rules, tasks
from ..models import OverviewSnapshot
from ..selectors import figures

LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP)


def _check_period(period: str) -> None:
    error = rules.period_error(period)
    if error:
        raise ValidationError({"period": _("月份格式应为 YYYY-MM")})


def overview_compute(period: str, *, today: dt.date | None = None) -> int:
    """Replace the month's snapshots: one row per province, city, county and township, all areas' figures.

    Idempotent: a second run writes the same rows again. Of two runs at once the later insert loses on the unique
    (period, region) constraint and leaves the other's rows (the same figures). Returns the rows written."""
    _check_period(period)
    today = today or timezone.localdate()
    by_code = figures.collect(period, today=today)
    now = timezone.now()
    rows = [
        OverviewSnapshot(
            region_id=pk,
            region_code=code,
            level=level,
            period=period,
            figures=by_code.get(code) or figures.empty(),
            computed_at=now,
        )
        for pk, code, level in Region.objects.filter(level__in=LEVELS).values_list("pk", "code", "level")
    ]
    try:
        with transaction.atomic():
            OverviewSnapshot.objects.filter(period=period).delete()
            OverviewSnapshot.objects.bulk_create(rows, batch_size=500)
    except IntegrityError:
        return 0
    return len(rows)


def overview_request(*, actor: Any, period: str) -> None:
    """An admin asks for the month to be computed now (queued; done at once without a broker)."""
    _check_period(period)
    if not (access.sees_everything(actor) or any(g.role in ADMIN_ROLES for g in access.grants(actor))):
        raise PermissionDenied(_("只有管理员可以发起重新计算"))
    transaction.on_commit(lambda: tasks.overview_compute_task.delay(period))


def overview_nightly(*, today: dt.date | None = None) -> list[str]:
    """The nightly run: the running month and the month before (its figures settle after the month ends)."""
    today = today or timezone.localdate()
    periods = [rules.period_of(today), rules.previous_period(rules.period_of(today))]
    for period in periods:
        overview_compute(period, today=today)
    return periods
