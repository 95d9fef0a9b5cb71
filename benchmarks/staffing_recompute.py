"""Benchmark: a full compliance recompute of one period at province scale vs one hand-written SQL aggregation.

Run standalone: `.venv/bin/python benchmarks/staffing_recompute.py [--period YYYY-MM] [--repeat N]`. Uses
DATABASE_URL when set (PostgreSQL recommended); seeds province-scale demo data (all real townships, ~26,000
synthetic villages, ~30,000 workers, 12 months of caseloads) when it is absent. Prints both timings and the ratio;
the goal (issue 17) is a recompute within 1.5× of the SQL, measured side by side. Also checks both give the same
figures.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from benchmarks.common import Result, emit  # noqa: E402
from regions.choices import RegionLevel  # noqa: E402
from regions.models import Region  # noqa: E402
from staffing import rules  # noqa: E402
from staffing.models import Caseload, ComplianceSnapshot, Worker  # noqa: E402
from staffing.selectors import rule_set_for  # noqa: E402
from staffing.services import compliance_recompute  # noqa: E402

SQL = """
WITH cl AS (
    SELECT r.code AS code,
           (CASE WHEN %(dibao)s THEN c.dibao_households ELSE 0 END
            + CASE WHEN %(tekun)s THEN c.tekun_households ELSE 0 END
            + CASE WHEN %(temporary)s THEN c.temporary_households ELSE 0 END) AS hh
    FROM staffing_caseload c JOIN regions_region r ON r.id = c.region_id
    WHERE c.period = %(period)s
),
hh AS (
    SELECT SUBSTR(code, 1, 6) AS code, SUM(hh) AS households FROM cl GROUP BY SUBSTR(code, 1, 6)
    UNION ALL
    SELECT SUBSTR(code, 1, 9), SUM(hh) FROM cl WHERE LENGTH(code) >= 9 GROUP BY SUBSTR(code, 1, 9)
    UNION ALL
    SELECT code, SUM(hh) FROM cl WHERE LENGTH(code) = 12 GROUP BY code
),
st AS (
    SELECT p.region_id,
           -- handling staff: the county bureau's and the townships'; care-institution workers count toward
           -- neither minimum (domain.md 12), coordinators only for their village
           SUM(CASE WHEN p.post IN ('county_bureau', 'township') THEN 1 ELSE 0 END) AS staff,
           SUM(CASE WHEN p.post = 'village_coordinator' THEN 1 ELSE 0 END) AS coordinators
    FROM staffing_posting p
    WHERE p.started_on <= %(on)s AND (p.ended_on IS NULL OR p.ended_on > %(on)s)
    GROUP BY p.region_id
),
req AS (
    SELECT reg.id, reg.code, reg.level, hh.households, MAX(b.min_staff) AS required
    FROM regions_region reg
    LEFT JOIN hh ON hh.code = reg.code
    LEFT JOIN staffing_staffingrule b
           ON b.rule_set_id = %(rule_set)s AND b.level = reg.level AND b.households_from <= hh.households
          AND (b.households_to IS NULL OR hh.households <= b.households_to)
    WHERE reg.level IN ('county', 'township', 'village')
    GROUP BY reg.id, reg.code, reg.level, hh.households
)
SELECT req.code, req.level, req.households,
       CASE WHEN req.level = 'village' THEN 1 ELSE req.required END AS required_staff,
       CASE WHEN req.level = 'village' THEN COALESCE(st.coordinators, 0) ELSE COALESCE(st.staff, 0) END AS actual,
       CASE
         WHEN req.level = 'village' THEN
           CASE WHEN COALESCE(st.coordinators, 0) = 0 THEN 'short'
                WHEN st.coordinators > 2 THEN 'flagged' ELSE 'compliant' END
         WHEN req.households IS NULL THEN 'no_data'
         WHEN COALESCE(st.staff, 0) < COALESCE(req.required, 0) THEN 'short'
         ELSE 'compliant'
       END AS status
FROM req LEFT JOIN st ON st.region_id = req.id
"""


def ensure_province_data() -> None:
    villages = Region.objects.filter(level=RegionLevel.VILLAGE).count()
    workers = Worker.objects.count()
    if villages >= 20000 and workers >= 20000 and Caseload.objects.exists():
        return
    print(f"seeding province scale (villages={villages}, workers={workers}) …", flush=True)
    from regions import demo as regions_demo
    from staffing import demo as staffing_demo

    class Out:
        def write(self, text: str) -> None:
            print("  " + text, flush=True)

    started = time.perf_counter()
    regions_demo.seed(scale="province", out=Out())
    staffing_demo.seed(scale="province", out=Out())
    print(f"seeded in {time.perf_counter() - started:.1f} s", flush=True)


def run_sql(period: str) -> list[tuple]:
    in_force = rule_set_for(period)
    params = {
        "period": period,
        "on": rules.reference_date(period, timezone.localdate()),
        "rule_set": in_force.rule_set.pk if in_force.rule_set else None,
        "dibao": in_force.categories.dibao,
        "tekun": in_force.categories.tekun,
        "temporary": in_force.categories.temporary,
    }
    with connection.cursor() as cursor:
        cursor.execute(SQL, params)
        return cursor.fetchall()


def best(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def all_rows_new(period: str) -> float:
    """Seconds of a recompute that writes every row (the period's rows deleted first), rolled back: the nightly run
    usually changes a few rows, a new month or a new rule set changes them all."""
    from django.db import transaction

    with transaction.atomic():
        ComplianceSnapshot.objects.filter(period=period)._raw_delete(connection.alias)
        started = time.perf_counter()
        compliance_recompute(period)
        seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", help="YYYY-MM (default: the latest month with caseloads)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    ensure_province_data()
    period = args.period or Caseload.objects.order_by("-period").values_list("period", flat=True).first()
    print(
        f"database: {connection.vendor}; period {period}; regions "
        f"{Region.objects.filter(level__in=('county', 'township', 'village')).count()}, "
        f"workers {Worker.objects.count()}, caseload rows {Caseload.objects.filter(period=period).count()}"
    )
    compliance_recompute(period)  # warm-up
    run_sql(period)
    recompute_times, sql_times, rows, sql_rows = [], [], 0, []
    for _ in range(args.repeat):  # alternately, so another user's load hits both alike
        started = time.perf_counter()
        rows = compliance_recompute(period)
        recompute_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        sql_rows = run_sql(period)
        sql_times.append(time.perf_counter() - started)
    recompute_s, sql_s = min(recompute_times), min(sql_times)
    stored = {
        (s.region_code): (s.households, s.required_staff, s.actual_staff, s.status)
        for s in ComplianceSnapshot.objects.filter(period=period).only(
            "region_code", "households", "required_staff", "actual_staff", "status"
        )
    }
    from_sql = {code: (hh, req, actual, status) for code, _level, hh, req, actual, status in sql_rows}
    same = stored == from_sql
    ratio = recompute_s / sql_s if sql_s else float("inf")
    every_row = all_rows_new(period)
    print(
        f"full recompute (compute, write the rows that changed of {rows}): {recompute_s:.3f} s (best of "
        f"{args.repeat}); every row new (rolled back): {every_row:.3f} s = {every_row / sql_s:.1f}× the SQL"
    )
    print(f"hand-written SQL aggregation ({len(sql_rows)} rows, read only): {sql_s:.3f} s")
    if not same:
        diff = [c for c in stored if stored[c] != from_sql.get(c)][:5]
        print("  first differences:", [(c, stored[c], from_sql.get(c)) for c in diff])
    emit(
        [
            Result(
                f"staffing recompute of one month ({rows:,} rows, writing those that changed) vs hand-written SQL",
                f"{recompute_s:.3f} s vs {sql_s:.3f} s = {ratio:.1f}×",
                "≤ 1.5×",
                ratio <= 1.5 and same,
                f"hand-written SQL: {'same figures' if same else 'FIGURES DIFFER'}; every row new: "
                f"{every_row:.3f} s = {every_row / sql_s:.1f}×",
            )
        ]
    )


if __name__ == "__main__":
    main()
