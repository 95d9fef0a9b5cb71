"""The job's reads: each area's figures for one month, a few aggregate queries per area, grouped by region code
and rolled up in Python to every province, city, county and township (粤民发〔2018〕170号 三).

Only the nightly job and an admin's on-demand run call this; pages read the snapshots it leads to.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils import timezone

from evaluation.choices import EvaluationStatus, RectificationStatus
from evaluation.models import Evaluation, Rectification
from procurement.choices import ContractStatus
from procurement.models import Contract, Project
from procurement.selectors import debarments_on
from staffing.selectors import figures_by_group
from training.choices import OrganiserStatus
from training.models import OrganiserCompliance, WorkerCompliance
from windows.models import Case
from windows.rules import OPEN_STATUSES, working_days_between
from windows.services.deadlines import working_calendar

from .. import rules
from ..models import CountyFunding, FundingReference

GRADES = ("excellent", "good", "pass", "fail")
SUPERVISED = (ContractStatus.ACTIVE, ContractStatus.SUSPENDED)
WORK_FUND_SHARE = "work_fund_share_of_dibao"
PAY_PREFIX = "dispatched_pay_min"

Figures = dict[str, dict[str, Any]]


def empty() -> Figures:
    return {
        "staffing": {
            "required": 0,
            "actual": 0,
            "short_regions": 0,
            "no_data_regions": 0,
            "villages_without_coordinator": 0,
        },
        "windows": {
            "received": 0,
            "closed": 0,
            "overdue_now": 0,
            "ever_overdue": 0,
            "cross_region": 0,
            "cross_region_share": None,
            "median_working_days": None,
        },
        "procurement": {
            "projects": 0,
            "by_stage": {},
            "contracted_amount": "0.00",
            "in_supervision": 0,
            "evaluations_published": 0,
            "grades": dict.fromkeys(GRADES, 0),
            "rectifications_open": 0,
            "debarments": 0,
        },
        "training": {"workers": 0, "compliant": 0, "compliant_share": None, "levels_held": 0},
        "funding": {"counties_recorded": 0, "work_fund_below": 0, "pay_below": 0},
    }


class Rollup:
    """Counters per overview code: a row for a region code adds to each of its prefixes."""

    def __init__(self) -> None:
        self.by_code: dict[str, Figures] = defaultdict(empty)
        self.amounts: dict[str, Decimal] = defaultdict(Decimal)
        self.days: dict[str, list[int]] = defaultdict(list)

    def add(self, code: str, area: str, key: str, n: int) -> None:
        for p in rules.prefixes(code or ""):
            self.by_code[p][area][key] += n

    def add_nested(self, code: str, area: str, key: str, sub: str, n: int) -> None:
        for p in rules.prefixes(code or ""):
            bucket = self.by_code[p][area][key]
            bucket[sub] = bucket.get(sub, 0) + n

    def finish(self) -> dict[str, Figures]:
        for code, amount in self.amounts.items():
            self.by_code[code]["procurement"]["contracted_amount"] = f"{amount:.2f}"
        for code, values in self.days.items():
            self.by_code[code]["windows"]["median_working_days"] = rules.median(values)
        for f in self.by_code.values():
            w, t = f["windows"], f["training"]
            w["cross_region_share"] = rules.share(w["cross_region"], w["received"])
            t["compliant_share"] = rules.share(t["compliant"], t["workers"])
        return dict(self.by_code)


def _staffing(out: Rollup, period: str) -> None:
    """粤民发〔2018〕170号 二(二): staffing snapshots of the month, through staffing's own grouping (4 queries)."""
    for length in rules.OVERVIEW_CODE_LENGTHS:
        for code, f in figures_by_group(period, length).items():
            s = out.by_code[code]["staffing"]
            s["required"] = f.required
            s["actual"] = f.actual
            s["short_regions"] = f.regions_short
            s["no_data_regions"] = f.no_data
            s["villages_without_coordinator"] = f.villages_without


def _aware_range(period: str) -> tuple[dt.datetime, dt.datetime]:
    first, last = rules.month_bounds(period)
    tz = timezone.get_current_timezone()
    start = dt.datetime.combine(first, dt.time.min, tzinfo=tz)
    return start, dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz)


def _windows(out: Rollup, period: str, today: dt.date) -> None:
    """粤民发〔2018〕170号 二(一): cases received and closed in the month, overdue now (2 queries + the calendar)."""
    start, end = _aware_range(period)
    received = Q(received_at__gte=start, received_at__lt=end)
    closed = Q(closed_at__gte=start, closed_at__lt=end)
    overdue_now = Q(status__in=OPEN_STATUSES, due_date__lt=today)
    rows = (
        Case.objects.filter(received | closed | overdue_now)
        .values("region_code")
        .annotate(
            received=Count("id", filter=received),
            closed=Count("id", filter=closed),
            overdue_now=Count("id", filter=overdue_now),
            ever_overdue=Count("id", filter=received & Q(overdue_marked_at__isnull=False)),
            cross_region=Count("id", filter=received & Q(cross_region=True)),
        )
        .order_by()
    )
    for r in rows:
        for key in ("received", "closed", "overdue_now", "ever_overdue", "cross_region"):
            out.add(r["region_code"], "windows", key, r[key])
    calendar = working_calendar()
    tz = timezone.get_current_timezone()
    for code, got, done in Case.objects.filter(closed).values_list("region_code", "received_at", "closed_at"):
        if done is None:  # never: the filter asks for a closing time in the month
            continue
        days = working_days_between(got.astimezone(tz).date(), done.astimezone(tz).date(), calendar)
        for p in rules.prefixes(code):
            out.days[p].append(days)


def _procurement(out: Rollup, period: str, today: dt.date) -> None:
    """粤民发〔2018〕170号 一(四)–一(七): the year's projects and contracts, published evaluations up to the month's
    end, open rectifications and debarments in force (5 queries)."""
    year = int(period[:4])
    _, last = rules.month_bounds(period)
    projects = Project.objects.filter(year=year).values("purchaser__code", "status").annotate(n=Count("id"))
    for p in projects:
        out.add(p["purchaser__code"], "procurement", "projects", p["n"])
        out.add_nested(p["purchaser__code"], "procurement", "by_stage", p["status"], p["n"])
    contracts = (
        Contract.objects.filter(project__year=year)
        .exclude(status=ContractStatus.TERMINATED)
        .values("project__purchaser__code")
        .annotate(amount=Sum("amount"), supervised=Count("id", filter=Q(status__in=SUPERVISED)))
        .order_by()
    )
    for c in contracts:
        for code in rules.prefixes(c["project__purchaser__code"]):
            out.amounts[code] += c["amount"] or Decimal(0)
        out.add(c["project__purchaser__code"], "procurement", "in_supervision", c["supervised"])
    published = (
        Evaluation.objects.filter(
            status=EvaluationStatus.PUBLISHED, published_on__year=year, published_on__lte=last
        )
        .values("region__code", "grade")
        .annotate(n=Count("id"))
        .order_by()
    )
    for e in published:
        out.add(e["region__code"], "procurement", "evaluations_published", e["n"])
        if e["grade"] in GRADES:
            out.add_nested(e["region__code"], "procurement", "grades", e["grade"], e["n"])
    for code, n in _count_by(
        Rectification.objects.filter(status=RectificationStatus.OPEN), "evaluation__region__code"
    ):
        out.add(code, "procurement", "rectifications_open", n)
    for code, n in _count_by(debarments_on(min(today, last)), "region__code"):
        out.add(code, "procurement", "debarments", n)


def _count_by(queryset: Any, path: str) -> list[tuple[str, int]]:
    return list(queryset.values_list(path).annotate(n=Count("id")).order_by().values_list(path, "n"))


def _training(out: Rollup, period: str) -> None:
    """粤民发〔2018〕170号 二(五): workers' yearly compliance and the organisers that held training (2 queries)."""
    year = int(period[:4])
    rows = (
        WorkerCompliance.objects.filter(year=year)
        .values("region_code")
        .annotate(workers=Count("id"), compliant=Count("id", filter=Q(compliant=True)))
        .order_by()
    )
    for r in rows:
        out.add(r["region_code"], "training", "workers", r["workers"])
        out.add(r["region_code"], "training", "compliant", r["compliant"])
    held = OrganiserCompliance.objects.filter(year=year, status=OrganiserStatus.DONE)
    for code, n in _count_by(held, "region__code"):
        out.add(code, "training", "levels_held", n)


def _funding(out: Rollup, period: str) -> None:
    """粤民发〔2018〕170号 一(五): the counties whose recorded funding of the year falls below the reference values
    (3 queries: references, records, nothing per county)."""
    refs = {r.key: r for r in FundingReference.objects.all()}
    share = refs[WORK_FUND_SHARE].value if WORK_FUND_SHARE in refs else None
    pay_refs = [
        ([c for c in r.region_prefixes.split(",") if c], r.value)
        for key, r in refs.items()
        if key.startswith(PAY_PREFIX)
    ]
    for record in CountyFunding.objects.filter(year=int(period[:4])).select_related("region"):
        code = record.region.code
        flags = rules.funding_flags(
            work_fund=record.work_fund,
            dibao_previous_year=record.dibao_spending_previous_year,
            share=share,
            pay_total=record.dispatched_pay_total,
            staff=record.dispatched_staff,
            pay_minimum=rules.pay_minimum_for(code, pay_refs),
        )
        out.add(code, "funding", "counties_recorded", 1)
        out.add(code, "funding", "work_fund_below", int(flags["work_fund_below"]))
        out.add(code, "funding", "pay_below", int(flags["pay_below"]))


def collect(period: str, *, today: dt.date) -> dict[str, Figures]:
    """Every area's figures of `period`, keyed by overview code (province, city, county, township)."""
    out = Rollup()
    _staffing(out, period)
    _windows(out, period, today)
    _procurement(out, period, today)
    _training(out, period)
    _funding(out, period)
    return out.finish()
