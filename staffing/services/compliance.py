"""Compliance snapshots: computing them, and queueing coalesced recomputes (粤民发〔2018〕170号 二(二), 二(三)).

`compliance_request(period)` marks a period for recompute and queues one task on commit unless one is already
queued, so a burst of changes runs one recompute. `compliance_run(period)` claims the period, recomputes it and
writes the period's snapshot rows that changed in one transaction (a reader sees the old rows or the new, never
half; a row whose figures did not change keeps the time they were computed).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.tasks import dispatch_on_commit
from regions import access
from regions.choices import ACTING_ROLES, ADMIN_ROLES, RegionLevel
from regions.models import Region

from .. import rules, tasks
from ..choices import Post, RunState
from ..models import Caseload, ComplianceRun, ComplianceSnapshot, Posting
from ..selectors import RuleSetInForce, rule_set_for
from . import compliance_sql

STALE_RUN = dt.timedelta(minutes=30)


class Recompute(NamedTuple):
    """What "recompute now" did: queued the province-wide run, or recomputed the caller's areas (rows written)."""

    province: bool
    areas: list[str]
    rows: int | None


def _fetch(queryset) -> list[tuple]:
    """All rows of a values_list queryset in one fetch (Django's chunked iteration costs ~0.1 s at 30,000 rows)."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


class Row(NamedTuple):
    """One computed snapshot row (plain data: building 28,000 model instances would double the recompute)."""

    region_id: int
    region_code: str
    level: str
    households: int | None
    required_staff: int | None
    actual_staff: int
    shortfall: int
    status: str


def _households(
    period: str, code_of: dict[int, str], categories: rules.Categories, prefix: str = ""
) -> dict[str, int]:
    """Aid households per region code: every caseload of `period` counts for its own region and every
    county/township above it."""
    households: dict[str, int] = defaultdict(int)
    caseloads = Caseload.objects.filter(period=period)
    if prefix:
        caseloads = caseloads.filter(region__code__startswith=prefix)
    for region_id, dibao, tekun, temporary in _fetch(
        caseloads.values_list("region_id", "dibao_households", "tekun_households", "temporary_households")
    ):
        code = code_of.get(region_id)
        if code is None:
            continue
        count = rules.aid_households(dibao, tekun, temporary, categories)
        households[code[:6]] += count
        if len(code) >= 9:
            households[code[:9]] += count
            if len(code) == 12:
                households[code] += count
    return households


def _staff_on(on: dt.date, prefix: str = "") -> tuple[dict[int, int], dict[int, int]]:
    """Counted staff and village coordinators per region id, from the postings open on `on`."""
    staff: dict[int, int] = defaultdict(int)
    coordinators: dict[int, int] = defaultdict(int)
    open_postings = Posting.objects.filter(started_on__lte=on).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=on)
    )
    if prefix:
        open_postings = open_postings.filter(region__code__startswith=prefix)
    counted = rules.COUNTED_POSTS
    for region_id, post in _fetch(open_postings.values_list("region_id", "post")):
        if post in counted:
            staff[region_id] += 1
        elif post == Post.VILLAGE_COORDINATOR:
            coordinators[region_id] += 1
    return staff, coordinators


def compute_rows(period: str, *, today: dt.date, prefix: str = "") -> tuple[RuleSetInForce, list[Row]]:
    """Rows for every county, township and village for `period` (those under `prefix` only when given: an area's
    rows depend on nothing outside it), from the pure rules. Four queries.

    Households of a region: every caseload at or below it (categories per the rule set in force). Staff: postings
    open on the period's reference date at exactly that region; coordinators count only for their village.
    """
    in_force = rule_set_for(period)
    regions = _fetch(
        Region.objects.filter(
            level__in=(RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE), code__startswith=prefix
        ).values_list("pk", "code", "level")
    )
    households = _households(period, {pk: code for pk, code, _ in regions}, in_force.categories, prefix)
    staff, coordinators = _staff_on(rules.reference_date(period, today), prefix)
    brackets = in_force.brackets
    # the rules are pure: each distinct input is judged once (a province has ~26,000 villages but a handful of
    # coordinator counts, ~1,700 townships but fewer distinct household counts)
    village = functools.cache(rules.village_status)
    required_for = functools.cache(lambda level, count: rules.required_staff(level, count, brackets))
    staff_status = functools.cache(rules.staff_status)
    rows = []
    for pk, code, level in regions:
        count = households.get(code)
        if level == RegionLevel.VILLAGE:
            actual = coordinators.get(pk, 0)
            status, shortfall = village(actual)
            rows.append(Row(pk, code, level, count, rules.COORDINATORS_MIN, actual, shortfall, status))
            continue
        actual = staff.get(pk, 0)
        # no caseload: the minimum for 0 households still applies (domain.md 12)
        required = required_for(level, 0 if count is None else count)
        status, shortfall = staff_status(count, required, actual)
        rows.append(Row(pk, code, level, count, required, actual, shortfall, status))
    return in_force, rows


def _write_changed(period: str, rows: list[Row], rule_set_id: int | None, prefix: str) -> None:
    """Elsewhere than PostgreSQL (SQLite): the rows computed in Python, written where they changed, as
    `compliance_sql.WRITE_SQL` does in one statement on PostgreSQL."""
    old = {
        s.region_code: s
        for s in ComplianceSnapshot.objects.filter(period=period, region_code__startswith=prefix)
    }
    now = timezone.now()
    changed, new = [], []
    for r in rows:
        figures = {f: getattr(r, f) for f in _FIGURES}
        s = old.pop(r.region_code, None)
        if s is None:
            new.append(
                ComplianceSnapshot(
                    region_code=r.region_code,
                    period=period,
                    rule_set_id=rule_set_id,
                    computed_at=now,
                    **figures,
                )
            )
        elif any(getattr(s, f) != v for f, v in figures.items()) or s.rule_set_id != rule_set_id:
            for f, v in {**figures, "rule_set_id": rule_set_id, "computed_at": now}.items():
                setattr(s, f, v)
            changed.append(s)
    ComplianceSnapshot.objects.filter(pk__in=[s.pk for s in old.values()]).delete()
    ComplianceSnapshot.objects.bulk_update(
        changed, [*_FIGURES, "rule_set_id", "computed_at"], batch_size=2000
    )
    ComplianceSnapshot.objects.bulk_create(new, batch_size=2000)


_FIGURES = ("region_id", "level", "households", "required_staff", "actual_staff", "shortfall", "status")


@transaction.atomic
def compliance_recompute(period: str, *, today: dt.date | None = None, prefix: str = "") -> int:
    """Recompute `period` (the area under `prefix` only, when given) and write the snapshot rows that changed
    (updated, added, those of regions gone deleted) in one transaction; returns the number of rows of the period
    (or area). Idempotent. On PostgreSQL computed and written by one statement (`compliance_sql`), elsewhere
    computed by the pure rules in Python; the tests hold both to the same figures."""
    problem = rules.period_error(period)
    if problem:
        raise ValueError(problem)
    today = today or timezone.localdate()
    if connection.vendor == "postgresql":
        in_force = rule_set_for(period)
        with connection.cursor() as cursor:
            # one recompute of a period at a time (SQLite serialises writers anyway): one row per region
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"staffing-compliance-{period}"])
            # derived data, recomputed nightly: a crash may lose the last recompute, never corrupt it
            cursor.execute("SET LOCAL synchronous_commit = off")
            # the planner's estimate of the statement (tens of thousands of rows joined) crosses jit_above_cost, and
            # compiling it took 6 s of a 7 s run (EXPLAIN ANALYZE on the province): it runs in well under a second
            cursor.execute("SET LOCAL jit = off")
        query = compliance_sql.params(period, in_force=in_force, today=today, prefix=prefix)
        return compliance_sql.write_changed(query, timezone.now())[0]
    in_force, rows = compute_rows(period, today=today, prefix=prefix)
    _write_changed(period, rows, in_force.rule_set.pk if in_force.rule_set else None, prefix)
    return len(rows)


def compliance_request(period: str) -> bool:
    """Mark `period` for recompute. Queues one task on commit unless one is already queued (coalescing);
    while a recompute runs, the request is noted and that run repeats once when it finishes. True if queued."""
    now = timezone.now()
    run, created = ComplianceRun.objects.get_or_create(
        period=period, defaults={"requested_at": now, "state": RunState.PENDING}
    )
    queued = created or bool(
        ComplianceRun.objects.filter(pk=run.pk, state__in=(RunState.DONE, RunState.FAILED)).update(
            state=RunState.PENDING, requested_at=now, error=""
        )
    )
    if not queued:
        ComplianceRun.objects.filter(pk=run.pk).update(requested_at=now)
        return False
    dispatch_on_commit(tasks.compliance_recompute_task, period)
    return True


def current_periods(today: dt.date | None = None) -> list[str]:
    """Periods a staff change affects: the running month and the latest month with caseloads."""
    today = today or timezone.localdate()
    periods = {rules.period_of(today)}
    latest = Caseload.objects.aggregate(latest=Max("period"))["latest"]
    if latest:
        periods.add(latest)
    return sorted(periods)


def compliance_request_current() -> None:
    for period in current_periods():
        compliance_request(period)


def compliance_run(period: str) -> str:
    """Claim the period's pending run, recompute, mark done; re-run once if requested meanwhile. Returns the
    final state ('skipped' when another worker holds the run or nothing is pending)."""
    now = timezone.now()
    claimed = (
        ComplianceRun.objects.filter(period=period)
        .filter(Q(state=RunState.PENDING) | Q(state=RunState.RUNNING, started_at__lt=now - STALE_RUN))
        .update(state=RunState.RUNNING, started_at=now)
    )
    if not claimed:
        return "skipped"
    try:
        count = compliance_recompute(period)
    except Exception as exc:
        ComplianceRun.objects.filter(period=period).update(
            state=RunState.FAILED, finished_at=timezone.now(), error=str(exc)[:2000]
        )
        raise
    done = ComplianceRun.objects.filter(period=period, state=RunState.RUNNING, requested_at__lte=now).update(
        state=RunState.DONE, finished_at=timezone.now(), rows=count
    )
    if not done:
        # changed while we computed: run once more so the snapshot includes the latest change
        ComplianceRun.objects.filter(period=period).update(state=RunState.PENDING, rows=count)
        dispatch_on_commit(tasks.compliance_recompute_task, period)
    return RunState.DONE


def _province_admin(actor) -> bool:
    return bool(getattr(actor, "is_superuser", False)) or any(
        g.level == RegionLevel.PROVINCE and g.role in ADMIN_ROLES for g in access.grants(actor)
    )


def _acting_areas(actor) -> list[str]:
    """The smallest set of region codes (below the province) the actor may act in."""
    codes = sorted(
        {g.code for g in access.grants(actor) if g.role in ACTING_ROLES and g.level != RegionLevel.PROVINCE}
    )
    kept: list[str] = []
    for code in codes:
        if not any(code.startswith(k) for k in kept):
            kept.append(code)
    return kept


def compliance_recompute_now(*, actor, period: str, today: dt.date | None = None) -> Recompute:
    """ "Recompute now" (issue 12 item 7): a province admin (a county admin granted on the province, or a system
    administrator) queues the province-wide run; anyone else with an acting role recomputes the areas they act in,
    at once. Viewers and the service account may not start a recompute (403)."""
    problem = rules.period_error(period)
    if problem:
        raise ValidationError({"period": problem})
    if _province_admin(actor):
        compliance_request(period)
        return Recompute(province=True, areas=[], rows=None)
    areas = _acting_areas(actor)
    if not areas:
        raise PermissionDenied(_("您没有发起重算的权限"))
    rows = sum(compliance_recompute(period, today=today, prefix=code) for code in areas)
    return Recompute(province=False, areas=areas, rows=rows)
