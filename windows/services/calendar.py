"""The holiday table as the app's source of truth: days added, changed and removed by admins in the app (with
history), the national schedule seeded from the package, clocks of open cases recomputed when a day changes, and
the yearly reminder that next year's State Council schedule is missing (domain.md 12).

Who edits what: national rows (the State Council's schedule, empty region) by an admin granted on the province;
a county's own days (e.g. a festival of an autonomous county) by that county's admins.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regions import access
from regions.access import users_with_role
from regions.audit import set_actor
from regions.choices import ADMIN_ROLES, RegionLevel, Role
from regions.models import Region
from regions.notifications import notify

from .. import reference, rules, tasks
from ..models import Case, Holiday
from ..selectors import LOADED_YEARS_CACHE_KEY
from .deadlines import clocks_for, loaded_years


def is_province_admin(user) -> bool:
    """An admin granted on the province (or a superuser): may edit the province-wide tables."""
    if getattr(user, "is_superuser", False):
        return True
    return any(g.role in ADMIN_ROLES and g.level == RegionLevel.PROVINCE for g in access.grants(user))


def require_table_admin(actor, region_code: str) -> None:
    """Province-wide rows: a province admin (else 403). A county's rows: that county's admins (404 out of scope,
    403 without the role)."""
    if region_code == "":
        if not is_province_admin(actor):
            raise PermissionDenied(_("只有省级管理员可以修改全省统一的表"))
        return
    access.require_role(actor, region_code, ADMIN_ROLES)


def county_code_or_error(region_code: str) -> str:
    """'' (province-wide) or the code of an existing county."""
    region_code = (region_code or "").strip()
    if region_code and not Region.objects.filter(code=region_code, level=RegionLevel.COUNTY).exists():
        raise ValidationError({"region_code": _("适用地区应为县（市、区）区划代码，或留空表示全省")})
    return region_code


def holiday_save(
    *,
    actor,
    date: dt.date,
    is_working_day: bool,
    name: str,
    region_code: str = "",
    holiday: Holiday | None = None,
) -> Holiday:
    """Add or change one day of the table (a holiday or a make-up working day); open cases whose clocks run over
    that day are recomputed after the commit."""
    region_code = county_code_or_error(holiday.region_code if holiday is not None else region_code)
    require_table_admin(actor, region_code)
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("请填写名称（如：春节、国庆节调休上班）")})
    if date is None:
        raise ValidationError({"date": _("请填写日期")})
    old_date = holiday.date if holiday is not None else None
    row = holiday or Holiday(region_code=region_code)
    row.date, row.is_working_day, row.name = date, bool(is_working_day), name[:50]
    clash = Holiday.objects.filter(date=date, region_code=region_code).exclude(pk=row.pk).exists()
    if clash:
        raise ValidationError({"date": _("%(date)s 已有记录，请修改该记录") % {"date": f"{date:%Y-%m-%d}"}})
    row.full_clean(validate_constraints=False)
    try:
        with transaction.atomic(), set_actor(actor):
            row.save()
    except IntegrityError as exc:  # a concurrent add of the same day
        raise ValidationError(
            {"date": _("%(date)s 已有记录，请修改该记录") % {"date": f"{date:%Y-%m-%d}"}}
        ) from exc
    _forget_loaded_years()
    for day in {date} | ({old_date} if old_date is not None else set()):
        tasks.cases_recompute_clocks_task.delay_on_commit(day.isoformat(), region_code)
    return row


def holiday_delete(*, actor, holiday: Holiday) -> None:
    require_table_admin(actor, holiday.region_code)
    day, code = holiday.date, holiday.region_code
    with transaction.atomic(), set_actor(actor):
        holiday.delete()
    _forget_loaded_years()
    tasks.cases_recompute_clocks_task.delay_on_commit(day.isoformat(), code)


def _forget_loaded_years() -> None:
    """Drop the cached loaded years now and again after the commit (a page between the two may re-cache)."""
    cache.delete(LOADED_YEARS_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(LOADED_YEARS_CACHE_KEY))


def holidays_seed_from_package(*, actor=None) -> int:
    """Add the national days `chinese-calendar` knows and the table lacks (rows there are kept). For a new year
    once the package is updated (`manage.py windows_holidays_seed`)."""
    if actor is not None:
        require_table_admin(actor, "")
    with transaction.atomic(), set_actor(actor):
        added = reference.seed_holidays(Holiday)
    _forget_loaded_years()
    if added:
        tasks.cases_recompute_clocks_task.delay_on_commit("", "")
    return added


def cases_recompute_clocks(*, day: dt.date | None, county_code: str = "") -> int:
    """Recompute the clocks of the open cases a changed day may move (those whose step or whole-case clock runs
    over it, and every provisional one); `day` None: all provisional ones. Overdue marks stay (ever_overdue).
    County rows only touch that county's cases. Returns how many cases were recomputed."""
    cases = Case.objects.open()
    if county_code:
        cases = cases.filter(region_code__startswith=county_code)
    spans = Q(deadline_provisional=True)
    if day is not None:
        spans |= Q(step_started_on__lte=day, due_date__gte=day)
        spans |= Q(received_at__date__lte=day, case_due_date__gte=day)
    count = 0
    for case in cases.filter(spans).order_by("id").iterator():
        clocks = clocks_for(
            case.status,
            case.category,
            case.region_code,
            case.step_started_on,
            received_on=timezone.localdate(case.received_at),
            case_due=None,
        )
        Case.objects.filter(pk=case.pk, version=case.version).update(
            due_date=clocks.due_date,
            case_due_date=clocks.case_due_date,
            deadline_provisional=clocks.provisional,
        )
        count += 1
    return count


def holiday_schedule_remind(*, today: dt.date | None = None) -> int:
    """From 1 November, tell every province and county admin once per year that next year's State Council
    schedule is not in the table yet (idempotent: the key is the year). Returns how many were notified."""
    year = rules.missing_schedule_year(today or timezone.localdate(), loaded_years())
    if year is None:
        return 0
    counties = Region.objects.filter(level__in=[RegionLevel.PROVINCE, RegionLevel.COUNTY]).values_list(
        "code", flat=True
    )
    admins = {u.pk: u for users in users_with_role(counties, [Role.COUNTY_ADMIN]).values() for u in users}
    return notify(
        admins.values(),
        title=_("%(year)s年节假日安排尚未录入") % {"year": year},
        body=_(
            "节假日表中没有%(year)s年的全国节假日安排。国务院办公厅公布后，请省级管理员录入；"
            "在此之前，跨入%(year)s年的办理期限只按周末计算，标记为“期限待定”。"
        )
        % {"year": year},
        url=reverse("windows:holidays") + f"?year={year}",
        kind="holiday_schedule_missing",
        key=f"holiday_schedule_missing:{year}",
    )
