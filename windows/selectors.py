"""Reads that are more than a filter, always scoped to the user's regions."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from auditlog.models import LogEntry
from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Left, Length, TruncDate
from django.http import Http404
from django.utils import timezone

from regions import access
from regions.access import scope_q, visible_prefixes
from regions.choices import RegionLevel
from regions.models import Region
from staffing.choices import WorkerStatus
from staffing.models import Worker

from . import applicant_selectors, rules
from .choices import CaseAction, CaseStatus
from .models import (
    Case,
    CaseEvent,
    DeadlineRule,
    Holiday,
    RoutingRule,
    ServiceWindow,
    ever_overdue_q,
    overdue_q,
)

# the applicant's side (public status, receipt, notices, 好差评) lives in applicant_selectors; named here too
RATING_GROUPS = applicant_selectors.RATING_GROUPS
PublicStatus = applicant_selectors.PublicStatus
Receipt = applicant_selectors.Receipt
follow_up_list = applicant_selectors.follow_up_list
notice_for = applicant_selectors.notice_for
public_case = applicant_selectors.public_case
public_status = applicant_selectors.public_status
rating_figures = applicant_selectors.rating_figures
ratings_list = applicant_selectors.ratings_list
receipt = applicant_selectors.receipt


def case_list(user):
    """Cases the user sees (region scope or first responder), with what a list row shows in one query."""
    return Case.objects.visible_to(user).select_related("region", "household_region", "first_responder")


def workers_for(user, case: Case):
    """Active workers a case may be assigned to: posted in its township (or a village in it) or its county bureau."""
    township = rules.township_code(case.region_code)
    return (
        Worker.objects.visible_to(user)
        .filter(status=WorkerStatus.ACTIVE)
        .filter(Q(region__code__startswith=township) | Q(region__code=case.region_code[:6]))
        .select_related("region")
        .order_by("name")
    )


def my_first_cases(user):
    """Every case the user first received, wherever it has gone (首问负责制, 粤民发〔2018〕170号 二(一))."""
    return Case.objects.filter(first_responder=user).select_related(
        "region", "household_region", "first_responder"
    )


def first_responder_figures(user, today: dt.date) -> dict:
    """What a first responder must watch: open cases, those still waiting for feedback to the applicant, overdue
    now, ever overdue (kept through every later step), and deadlines still provisional."""
    open_q = Q(status__in=rules.OPEN_STATUSES)
    return Case.objects.filter(first_responder=user).aggregate(
        open=Count("id", filter=open_q),
        awaiting_feedback=Count("id", filter=open_q & ~Q(status=CaseStatus.FEEDBACK_GIVEN)),
        elsewhere=Count("id", filter=open_q & ~Q(region_code__startswith=F("accepting_region__code"))),
        overdue=Count("id", filter=overdue_q(today)),
        ever_overdue=Count("id", filter=ever_overdue_q(today)),
        provisional=Count("id", filter=open_q & Q(deadline_provisional=True)),
    )


def queue(user):
    """The region's open cases by due date (the most urgent first)."""
    return case_list(user).open().order_by("due_date", "id")


def _open_and_overdue(today: dt.date) -> dict[str, Count]:
    """Open, overdue now, and ever overdue (every report counts a case that ran out of time, domain.md 12)."""
    return {
        "open": Count("id", filter=Q(status__in=rules.OPEN_STATUSES)),
        "overdue": Count("id", filter=overdue_q(today)),
        "ever_overdue": Count("id", filter=ever_overdue_q(today)),
    }


def dashboard(user, *, days: int = 30, today: dt.date | None = None) -> dict:
    """Figures of the user's regions: intake per day, open and overdue counts per child region, status counts,
    and transfer flows between regions (from → to) over the last `days` days."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=days - 1)
    cases = Case.objects.visible_to(user)
    tz = timezone.get_current_timezone()
    per_day = dict(
        cases.filter(received_at__date__gte=since)
        .annotate(day=TruncDate("received_at", tzinfo=tz))
        .values_list("day")
        .annotate(n=Count("id"))
        .values_list("day", "n")
    )
    intake = [
        (since + dt.timedelta(days=i), per_day.get(since + dt.timedelta(days=i), 0)) for i in range(days)
    ]
    totals = cases.aggregate(
        total=Count("id"),
        **_open_and_overdue(today),
        provisional=Count("id", filter=Q(status__in=rules.OPEN_STATUSES, deadline_provisional=True)),
        cross_region=Count("id", filter=Q(cross_region=True)),
    )
    by_status = dict(cases.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    # group by the child level of the user's scope (a county sees its townships)
    prefixes = visible_prefixes(user)
    depth = {2: 4, 4: 6, 6: 9, 9: 12}.get(min((len(p) for p in prefixes), default=2), 12)
    by_region = list(
        cases.annotate(area=Left("region_code", depth))
        .values("area")
        .annotate(**_open_and_overdue(today))
        .order_by("-ever_overdue", "-overdue", "area")[:30]
    )
    flows = list(
        CaseEvent.objects.filter(action=CaseAction.TRANSFER, case__in=cases, at__date__gte=since)
        .exclude(from_region_code="")
        .exclude(from_region_code=F("to_region_code"))
        .values("from_region_code", "to_region_code")
        .annotate(n=Count("id"))
        .order_by("-n")[:30]
    )
    codes = (
        {r["area"] for r in by_region}
        | {f["from_region_code"] for f in flows}
        | {f["to_region_code"] for f in flows}
    )
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    no_data = _areas_without_cases(cases, prefixes, depth)
    names.update(no_data)
    return {
        "names": names,
        "no_data": sorted(no_data),
        "since": since,
        "intake": intake,
        "totals": totals,
        "by_status": [(CaseStatus(s).label, by_status.get(s, 0)) for s in CaseStatus.values],
        "by_region": by_region,
        "flows": flows,
    }


def _areas_without_cases(cases, prefixes: list[str], depth: int) -> dict[str, str]:
    """code → name of the regions at the dashboard's grouping level, in the user's scope, without any case: no
    data, shown apart in grey and never as "0 overdue" (issue 14). Two queries."""
    scope = Q()
    for prefix in prefixes:
        scope |= Q(code__startswith=prefix)
    regions = Region.objects.filter(scope).annotate(digits=Length("code")).filter(digits=depth)
    areas = cases.annotate(area=Left("region_code", depth)).order_by().values_list("area", flat=True)
    with_cases = set(areas.distinct())
    return {code: name for code, name in regions.values_list("code", "name") if code not in with_cases}


def holidays(user, year: int):
    """The holiday table of one year as the user sees it: the national schedule and the days of the counties in
    the user's scope."""
    return holidays_all(user).filter(date__year=year)


def holiday_years() -> list[int]:
    """The years the national schedule has rows in, newest first."""
    return sorted(
        (d.year for d in Holiday.objects.filter(region_code="").dates("date", "year")), reverse=True
    )


def time_limit_rows(user):
    """The time-limit table as the user sees it: the province defaults and the rows of the counties in scope."""
    q = scope_q(user, "region_code")
    rows = DeadlineRule.objects.order_by("category", "step", "region_code")
    return rows.filter(Q(region_code="") | q) if q is not None else rows


def holidays_all(user):
    """Every row of the holiday table the user sees (the national schedule and the counties in scope)."""
    q = scope_q(user, "region_code")
    return Holiday.objects.filter(Q(region_code="") | q) if q is not None else Holiday.objects.all()


#: the loaded years, cached for the banner on every admin's page; the holiday services drop it on every change
LOADED_YEARS_CACHE_KEY = "windows:holiday-loaded-years"


def missing_schedule_year(today: dt.date) -> int | None:
    """The year whose national holiday schedule admins must enter now (rules.missing_schedule_year); the loaded
    years come from the cache (no query on a page) and are read again at most every ten minutes."""
    years = cache.get(LOADED_YEARS_CACHE_KEY)
    if years is None:
        years = holiday_years()
        cache.set(LOADED_YEARS_CACHE_KEY, years, 600)
    return rules.missing_schedule_year(today, set(years))


# -- Window coverage (粤民发〔2018〕170号 二(一): 在乡镇（街道）、村（居）普遍设立 “一门受理、协同办理”窗口) --

COVERAGE_LEVELS = ("county", "township")


@dataclass
class CoverageCounts:
    """Counts per area: townships and villages with and without an active window, windows whose checklist is
    incomplete. Synthetic demo villages are counted apart from the division table's."""

    townships: int = 0
    townships_covered: int = 0
    villages: int = 0
    villages_covered: int = 0
    villages_synthetic: int = 0
    windows_active: int = 0
    windows_incomplete: int = 0

    @property
    def townships_uncovered(self) -> int:
        return self.townships - self.townships_covered

    @property
    def villages_uncovered(self) -> int:
        return self.villages - self.villages_covered

    def as_dict(self) -> dict:
        return {
            "townships": self.townships,
            "townships_covered": self.townships_covered,
            "townships_uncovered": self.townships_uncovered,
            "township_coverage_rate": rules.coverage_rate(self.townships_covered, self.townships),
            "villages": self.villages,
            "villages_covered": self.villages_covered,
            "villages_uncovered": self.villages_uncovered,
            "village_coverage_rate": rules.coverage_rate(self.villages_covered, self.villages),
            "villages_synthetic": self.villages_synthetic,
            "windows_active": self.windows_active,
            "windows_incomplete": self.windows_incomplete,
        }


def _incomplete_q() -> Q:
    return Q(*[Q(**{f: False}) for f in ServiceWindow.CHECKLIST], _connector=Q.OR)


def _with_window(level: str, prefix: str):
    active = ServiceWindow.objects.filter(region=OuterRef("pk"), active=True)
    return Region.objects.filter(level=level, code__startswith=prefix).annotate(has_window=Exists(active))


def coverage_counts(prefix: str, depth: int) -> dict[str, CoverageCounts]:
    """Counts per area (the first `depth` digits of the code) under `prefix`. Three queries at any size."""
    counts: dict[str, CoverageCounts] = defaultdict(CoverageCounts)
    for level in (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE):
        rows = (
            _with_window(level, prefix)
            .annotate(area=Left("code", depth))
            .values("area")
            .annotate(
                n=Count("id"),
                covered=Count("id", filter=Q(has_window=True)),
                synthetic_n=Count("id", filter=Q(synthetic=True)),
            )
        )
        for row in rows:
            c = counts[row["area"]]
            if level == RegionLevel.TOWNSHIP:
                c.townships, c.townships_covered = row["n"], row["covered"]
            else:
                c.villages, c.villages_covered = row["n"], row["covered"]
                c.villages_synthetic = row["synthetic_n"]
    windows = (
        ServiceWindow.objects.filter(active=True, region__code__startswith=prefix)
        .annotate(area=Left("region__code", depth))
        .values("area")
        .annotate(n=Count("id"), incomplete=Count("id", filter=_incomplete_q()))
    )
    for row in windows:
        counts[row["area"]].windows_active = row["n"]
        counts[row["area"]].windows_incomplete = row["incomplete"]
    return counts


@dataclass
class Coverage:
    region: Region
    counts: CoverageCounts
    #: county (or township) level: the regions without an active window and the incomplete windows
    townships_without: list[Region] = field(default_factory=list)
    villages_without: list[Region] = field(default_factory=list)
    incomplete: list[tuple[ServiceWindow, list[str]]] = field(default_factory=list)
    #: above a county: one row per county
    by_county: list[tuple[Region, CoverageCounts]] = field(default_factory=list)


def coverage_region(user, code: str | None) -> Region:
    """The region a coverage page or call is about: `code` if the user sees it (404 otherwise), else the user's
    widest region (the province for a superuser)."""
    if not code:
        prefixes = ["44"] if access.sees_everything(user) else visible_prefixes(user)
        code = min(prefixes, key=len, default="")
    access.require_visible(user, code)
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise Http404
    return region


def window_coverage(user, region: Region) -> Coverage:
    """Where windows are missing or incomplete under `region` (scoped: 404 out of the user's regions).

    A county or township: the townships and villages with no active window and the active windows whose checklist
    is incomplete (with what is missing). A city or the province: the counts per county. Six queries at most."""
    access.require_visible(user, region.code)
    total = coverage_counts(region.code, len(region.code)).get(region.code, CoverageCounts())
    result = Coverage(region=region, counts=total)
    if region.level in COVERAGE_LEVELS:
        without = (
            Region.objects.filter(
                code__startswith=region.code, level__in=[RegionLevel.TOWNSHIP, RegionLevel.VILLAGE]
            )
            .annotate(has_window=Exists(ServiceWindow.objects.filter(region=OuterRef("pk"), active=True)))
            .filter(has_window=False)
            .order_by("code")
        )
        for r in without:
            (result.townships_without if r.level == RegionLevel.TOWNSHIP else result.villages_without).append(
                r
            )
        windows = (
            ServiceWindow.objects.filter(active=True, region__code__startswith=region.code)
            .filter(_incomplete_q())
            .select_related("region")
            .order_by("region__code", "name")
        )
        labels = dict(
            zip(ServiceWindow.CHECKLIST, (label for label, _ in ServiceWindow().checklist()), strict=True)
        )
        for w in windows:
            missing = rules.checklist_missing(
                {f: getattr(w, f) for f in ServiceWindow.CHECKLIST}, ServiceWindow.CHECKLIST
            )
            result.incomplete.append((w, [labels[f] for f in missing]))
    else:
        per_county = coverage_counts(region.code, 6)
        counties = Region.objects.filter(code__startswith=region.code, level=RegionLevel.COUNTY).order_by(
            "code"
        )
        result.by_county = [(c, per_county.get(c.code, CoverageCounts())) for c in counties]
    return result


def routing_rules() -> list[RoutingRule]:
    """The routing table (province-wide reference data, read by everyone signed in)."""
    return list(RoutingRule.objects.order_by("category"))


def routing_history(limit: int = 50) -> list[LogEntry]:
    """The last changes of the routing table: who, when, before and after (django-auditlog)."""
    return list(
        LogEntry.objects.get_for_model(RoutingRule)
        .select_related("actor")
        .order_by("-timestamp", "-id")[:limit]
    )
