"""The compliance recompute in the database: the pure rules of `staffing/rules.py` as one SQL query, the brackets read
from the rule set's rows (粤民发〔2018〕170号 二(二), 二(三); domain.md 12), and on PostgreSQL the snapshot rows that
changed written in the same statement (UPDATE where a figure differs, INSERT what is new, DELETE what is gone).

The query (`ROWS_SQL`) runs on PostgreSQL and SQLite alike, so the tests compare it with the Python rules
(`compliance.compute_rows`) on both. The rules, step by step (each as in `rules.py`):

- aid households of a region: the sum over every caseload of the period at or below it, dibao + tekun (+ temporary)
  as the rule set counts them (`rules.aid_households`); none reported: NULL;
- handling staff: postings of the counted posts open on the reference date at exactly that region; a village's
  are its coordinators (`rules.COUNTED_POSTS`, domain.md 12);
- required: county and township, the largest minimum of the brackets that include the households (both ends
  inclusive; no caseload: the brackets of 0 households), 0 if none (`rules.required_staff`); village: 1;
- shortfall: required − actual when positive; status: short when there is a shortfall, then for a village
  flagged above 2 coordinators, for a county or township no data without a caseload; else compliant
  (`rules.staff_status`, `rules.village_status`).
"""

from __future__ import annotations

import datetime as dt

from django.db import connection

from regions.choices import RegionLevel
from regions.models import Region

from .. import rules
from ..choices import ComplianceStatus, Post
from ..models import Caseload, ComplianceSnapshot, Posting, StaffingRule
from ..selectors import RuleSetInForce

_REGIONS = Region._meta.db_table
_COUNTED = ", ".join(f"%(counted_{i})s" for i in range(len(rules.COUNTED_POSTS)))

ROWS_SQL = f"""
WITH cl AS (
    SELECT r.code AS code,
           CASE WHEN %(dibao)s THEN c.dibao_households ELSE 0 END
           + CASE WHEN %(tekun)s THEN c.tekun_households ELSE 0 END
           + CASE WHEN %(temporary)s THEN c.temporary_households ELSE 0 END AS hh
    FROM {Caseload._meta.db_table} c JOIN {_REGIONS} r ON r.id = c.region_id
    WHERE c.period = %(period)s AND r.code LIKE %(prefix)s
),
hh AS (
    SELECT SUBSTR(code, 1, 6) AS code, SUM(hh) AS households FROM cl GROUP BY SUBSTR(code, 1, 6)
    UNION ALL
    SELECT SUBSTR(code, 1, 9), SUM(hh) FROM cl WHERE LENGTH(code) >= 9 GROUP BY SUBSTR(code, 1, 9)
    UNION ALL
    -- a village's own caseload: one a period (staffing_caseload_once), nothing to add up
    SELECT code, hh FROM cl WHERE LENGTH(code) = 12
),
st AS (
    SELECT p.region_id,
           SUM(CASE WHEN p.post IN ({_COUNTED}) THEN 1 ELSE 0 END) AS staff,
           SUM(CASE WHEN p.post = %(coordinator)s THEN 1 ELSE 0 END) AS coordinators
    FROM {Posting._meta.db_table} p
    WHERE p.started_on <= %(on)s AND (p.ended_on IS NULL OR p.ended_on > %(on)s)
    GROUP BY p.region_id
),
base AS (
    SELECT reg.id AS region_id, reg.code AS region_code, reg.level AS level, hh.households AS households,
           CASE WHEN reg.level = %(village)s THEN COALESCE(st.coordinators, 0) ELSE COALESCE(st.staff, 0) END
               AS actual_staff,
           CASE WHEN reg.level = %(village)s THEN %(coordinators_min)s
                ELSE COALESCE((
                    SELECT MAX(b.min_staff) FROM {StaffingRule._meta.db_table} b
                    WHERE b.rule_set_id = %(rule_set)s AND b.level = reg.level
                      AND b.households_from <= COALESCE(hh.households, 0)
                      AND (b.households_to IS NULL OR COALESCE(hh.households, 0) <= b.households_to)
                ), 0)
           END AS required_staff
    FROM {_REGIONS} reg
    LEFT JOIN hh ON hh.code = reg.code
    LEFT JOIN st ON st.region_id = reg.id
    WHERE reg.level IN (%(county)s, %(township)s, %(village)s) AND reg.code LIKE %(prefix)s
)
SELECT region_id, region_code, level, households, required_staff, actual_staff,
       CASE WHEN actual_staff < required_staff THEN required_staff - actual_staff ELSE 0 END AS shortfall,
       CASE WHEN actual_staff < required_staff THEN %(short)s
            WHEN level = %(village)s AND actual_staff > %(coordinators_max)s THEN %(flagged)s
            WHEN level <> %(village)s AND households IS NULL THEN %(no_data)s
            ELSE %(compliant)s
       END AS status
FROM base
"""

_TABLE = ComplianceSnapshot._meta.db_table
_FIGURES = ("region_id", "level", "households", "required_staff", "actual_staff", "shortfall", "status")

# PostgreSQL: compute and write in one statement. The computed rows are matched to the period's stored rows once
# (one hash join, `diff`: the rows new, gone or differing in a figure or the rule set); the UPDATE and DELETE then
# reach the few rows that differ by primary key. Every CTE sees the snapshot as it was when the statement began, so
# the writes never see each other's rows. Rows whose figures and rule set are the same are not written (computed_at
# says when these figures were computed).
WRITE_SQL = f"""
WITH new AS MATERIALIZED ({ROWS_SQL}),
old AS (
    SELECT id, region_code, {", ".join(_FIGURES)}, rule_set_id FROM {_TABLE}
    WHERE period = %(period)s AND region_code LIKE %(prefix)s
),
diff AS MATERIALIZED (
    SELECT o.id AS old_id, n.region_code AS new_code, {", ".join(f"n.{c}" for c in _FIGURES)}
    FROM new n FULL JOIN old o ON o.region_code = n.region_code
    WHERE o.id IS NULL OR n.region_code IS NULL
       OR ({", ".join(f"o.{c}" for c in _FIGURES)}, o.rule_set_id)
          IS DISTINCT FROM ({", ".join(f"n.{c}" for c in _FIGURES)}, CAST(%(rule_set)s AS integer))
),
upd AS (
    UPDATE {_TABLE} s
    SET {", ".join(f"{c} = d.{c}" for c in _FIGURES)}, rule_set_id = %(rule_set)s, computed_at = %(now)s
    FROM diff d
    WHERE s.id = d.old_id AND d.new_code IS NOT NULL
    RETURNING 1
),
gone AS (
    DELETE FROM {_TABLE} s USING diff d WHERE s.id = d.old_id AND d.new_code IS NULL RETURNING 1
),
ins AS (
    INSERT INTO {_TABLE} (region_code, {", ".join(_FIGURES)}, period, rule_set_id, computed_at)
    SELECT d.new_code, {", ".join(f"d.{c}" for c in _FIGURES)}, %(period)s, %(rule_set)s, %(now)s
    FROM diff d WHERE d.old_id IS NULL
    RETURNING 1
)
SELECT (SELECT COUNT(*) FROM new), (SELECT COUNT(*) FROM upd), (SELECT COUNT(*) FROM ins),
       (SELECT COUNT(*) FROM gone)
"""


def params(period: str, *, in_force: RuleSetInForce, today: dt.date, prefix: str = "") -> dict:
    """The query's parameters: the period, the rule set in force and its categories, the rules' constants."""
    return {
        **{f"counted_{i}": post for i, post in enumerate(sorted(rules.COUNTED_POSTS))},
        "period": period,
        "prefix": prefix + "%",
        "on": rules.reference_date(period, today),
        "rule_set": in_force.rule_set.pk if in_force.rule_set else None,
        "dibao": in_force.categories.dibao,
        "tekun": in_force.categories.tekun,
        "temporary": in_force.categories.temporary,
        "coordinator": Post.VILLAGE_COORDINATOR,
        "coordinators_min": rules.COORDINATORS_MIN,
        "coordinators_max": rules.COORDINATORS_MAX,
        "county": RegionLevel.COUNTY,
        "township": RegionLevel.TOWNSHIP,
        "village": RegionLevel.VILLAGE,
        "short": ComplianceStatus.SHORT,
        "flagged": ComplianceStatus.FLAGGED,
        "no_data": ComplianceStatus.NO_DATA,
        "compliant": ComplianceStatus.COMPLIANT,
    }


def rows(query_params: dict) -> list[tuple]:
    """The computed rows: (region_id, region_code, level, households, required, actual, shortfall, status)."""
    with connection.cursor() as cursor:
        cursor.execute(ROWS_SQL, query_params)
        return [tuple(r) for r in cursor.fetchall()]


def write_changed(query_params: dict, now: dt.datetime) -> tuple[int, int, int, int]:
    """PostgreSQL: compute and write the changed rows in one statement. Returns (rows, updated, inserted,
    deleted)."""
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(WRITE_SQL, {**query_params, "now": now})
        total, updated, inserted, deleted = cursor.fetchone()
    return int(total), int(updated), int(inserted), int(deleted)
