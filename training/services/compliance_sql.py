"""Worker compliance computed in the database: the pure rules of `training/rules.py` as one SQL query over the
workers in post, their attendance in held sessions and their training before the system (粤民发〔2018〕170号 二(五)),
and on PostgreSQL the snapshot rows that changed written in the same statement (UPDATE where a figure differs, INSERT
what is new, DELETE the rows of workers in scope no longer covered).

The query's parts come from the ORM (the workers in scope, attendance dated by the session's local day, prior
training), so it runs on PostgreSQL and SQLite alike and the tests compare it with the Python rules
(`compliance_selectors.snapshot_rows`) on both. The rules, each as in `rules.py`:

- completions up to the day judged (31 December, or today if sooner); pre-job training of any date, the year's
  figures (sessions, hours, political education, rotation) from those dated within the calendar year;
- pre-job: none → awaiting; the first on or before the start date → done; later → late (`pre_job_status`);
- rotation: one in the year → done; started in the year or later → not required; else due until 31 December,
  then missing (`rotation_status`);
- compliant: not awaiting pre-job training and rotation not missing (`is_worker_compliant`).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import F, QuerySet
from django.db.models.functions import TruncDate

from staffing.choices import WorkerStatus
from staffing.models import Worker

from ..choices import PreJobStatus, RotationStatus, SessionStatus, TrainingType
from ..compliance_selectors import SnapshotRow
from ..models import Attendance, PriorTraining, WorkerCompliance

_TABLE = WorkerCompliance._meta.db_table
_FIGURES = SnapshotRow._fields[1:]  # every column of a row but the worker

ROWS_SQL = """
WITH w AS (<<workers>>),
d AS (
    SELECT wid, kind, day, credited, political FROM (<<attended>>) a
    UNION ALL
    SELECT wid, kind, day, credited, political FROM (<<entered>>) p
),
agg AS (
    SELECT wid,
           MIN(CASE WHEN kind = %(pre_job)s THEN day END) AS pre_job_on,
           MIN(CASE WHEN kind = %(rotation)s AND day >= %(jan1)s AND day <= %(dec31)s THEN day END) AS rotation_on,
           SUM(CASE WHEN day >= %(jan1)s AND day <= %(dec31)s THEN 1 ELSE 0 END) AS sessions,
           SUM(CASE WHEN day >= %(jan1)s AND day <= %(dec31)s THEN credited ELSE 0 END) AS hours,
           SUM(CASE WHEN day >= %(jan1)s AND day <= %(dec31)s AND political THEN 1 ELSE 0 END) AS political
    FROM d
    WHERE wid IN (SELECT worker_id FROM w)
    GROUP BY wid
),
judged AS (
    SELECT w.worker_id, w.region_code, w.start_date,
           CASE WHEN agg.pre_job_on IS NULL THEN %(awaiting)s
                WHEN agg.pre_job_on <= w.start_date THEN %(pre_job_done)s
                ELSE %(late)s END AS pre_job_status,
           agg.pre_job_on AS pre_job_completed_on,
           CASE WHEN agg.rotation_on IS NOT NULL THEN %(rotation_done)s
                WHEN w.start_date >= %(jan1)s THEN %(not_required)s
                WHEN %(today)s <= %(dec31)s THEN %(due)s
                ELSE %(missing)s END AS rotation_status,
           agg.rotation_on AS rotation_completed_on,
           COALESCE(agg.sessions, 0) AS sessions_in_year,
           COALESCE(agg.hours, 0) AS hours_in_year,
           COALESCE(agg.political, 0) AS political_in_year
    FROM w LEFT JOIN agg ON agg.wid = w.worker_id
)
SELECT worker_id, region_code, start_date, pre_job_status, pre_job_completed_on, rotation_status,
       rotation_completed_on, sessions_in_year, hours_in_year, political_in_year,
       CASE WHEN pre_job_status <> %(awaiting)s AND rotation_status <> %(missing)s THEN TRUE ELSE FALSE END
           AS compliant
FROM judged
"""

# PostgreSQL: the computed rows are matched to the year's stored rows of the workers in scope once (one hash join,
# `diff`: rows new, gone or differing in a figure); the UPDATE and DELETE then reach the rows that differ by primary
# key. Every CTE sees the table as it was when the statement began. A row whose figures are the same is not written
# (its computed_at says when these figures were computed).
WRITE_SQL = f"""
WITH new AS MATERIALIZED ({ROWS_SQL}),
old AS MATERIALIZED (
    SELECT id, worker_id, {", ".join(_FIGURES)} FROM {_TABLE}
    WHERE year = %(year)s AND worker_id IN (<<scope>>)
),
diff AS MATERIALIZED (
    SELECT o.id AS old_id, n.worker_id AS new_worker, {", ".join(f"n.{c}" for c in _FIGURES)}
    FROM new n FULL JOIN old o ON o.worker_id = n.worker_id
    WHERE o.id IS NULL OR n.worker_id IS NULL
       OR ({", ".join(f"o.{c}" for c in _FIGURES)}) IS DISTINCT FROM ({", ".join(f"n.{c}" for c in _FIGURES)})
),
upd AS (
    UPDATE {_TABLE} s SET {", ".join(f"{c} = d.{c}" for c in _FIGURES)}, computed_at = %(now)s
    FROM diff d WHERE s.id = d.old_id AND d.new_worker IS NOT NULL
    RETURNING 1
),
gone AS (
    DELETE FROM {_TABLE} s USING diff d WHERE s.id = d.old_id AND d.new_worker IS NULL RETURNING 1
),
ins AS (
    INSERT INTO {_TABLE} (worker_id, {", ".join(_FIGURES)}, year, computed_at)
    SELECT d.new_worker, {", ".join(f"d.{c}" for c in _FIGURES)}, %(year)s, %(now)s
    FROM diff d WHERE d.old_id IS NULL
    RETURNING 1
)
SELECT (SELECT COUNT(*) FROM new), (SELECT COUNT(*) FROM upd), (SELECT COUNT(*) FROM ins),
       (SELECT COUNT(*) FROM gone)
"""

_TOKEN = re.compile(r"%\((\w+)\)s|<<(\w+)>>")


def _compose(template: str, values: dict[str, Any], parts: dict[str, tuple[str, tuple]]) -> tuple[str, list]:
    """The template with its named values as positional parameters and the ORM's queries (SQL, parameters) put in
    at their <<marks>>, the parameters in the order they appear."""
    out: list[str] = []
    params: list[Any] = []
    position = 0
    for found in _TOKEN.finditer(template):
        out.append(template[position : found.start()])
        if found[1]:
            out.append("%s")
            params.append(values[found[1]])
        else:
            sql, part_params = parts[found[2]]
            out.append(sql)
            params.extend(part_params)
        position = found.end()
    out.append(template[position:])
    return "".join(out), params


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    sql, params = queryset.query.sql_with_params()
    return sql, tuple(params)


def query(
    workers: QuerySet[Worker], *, year: int, as_of: dt.date, today: dt.date, write: bool = False, now=None
) -> tuple[str, list]:
    """The SQL (and its parameters) computing the rows of `year` for the active workers of `workers` in post by the
    year's end; with `write`, the statement that also writes them (PostgreSQL)."""
    covered = (
        workers.filter(status=WorkerStatus.ACTIVE, start_date__lte=dt.date(year, 12, 31))
        .order_by()
        .values(worker_id=F("pk"), region_code=F("region__code"), start=F("start_date"))
    )
    workers_sql, workers_params = _sql(covered)
    workers_sql = f"SELECT worker_id, region_code, start AS start_date FROM ({workers_sql}) ws"
    attended = (
        Attendance.objects.filter(completed=True, session__status=SessionStatus.HELD)
        .annotate(local_day=TruncDate("session__starts_at"))
        .filter(local_day__lte=as_of)
        .order_by()
        .values(
            wid=F("worker_id"),
            kind=F("session__training_type"),
            day=F("local_day"),
            credited=F("hours"),
            political=F("session__political_education"),
        )
    )
    entered = (
        PriorTraining.objects.filter(completed_on__lte=as_of)
        .order_by()
        .values(
            wid=F("worker_id"),
            kind=F("training_type"),
            day=F("completed_on"),
            credited=F("hours"),
            political=F("political_education"),
        )
    )
    values = {
        "jan1": dt.date(year, 1, 1),
        "dec31": dt.date(year, 12, 31),
        "today": today,
        "year": year,
        "now": now,
        "pre_job": TrainingType.PRE_JOB,
        "rotation": TrainingType.ROTATION,
        "awaiting": PreJobStatus.AWAITING,
        "pre_job_done": PreJobStatus.DONE,
        "late": PreJobStatus.LATE,
        "rotation_done": RotationStatus.DONE,
        "not_required": RotationStatus.NOT_REQUIRED,
        "due": RotationStatus.DUE,
        "missing": RotationStatus.MISSING,
    }
    parts = {
        "workers": (workers_sql, workers_params),
        "attended": _sql(attended),
        "entered": _sql(entered),
        "scope": _sql(workers.order_by().values("pk")),
    }
    return _compose(WRITE_SQL if write else ROWS_SQL, values, parts)


def _date(value) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def rows(workers: QuerySet[Worker], *, year: int, as_of: dt.date, today: dt.date) -> list[SnapshotRow]:
    """The rows computed by the query, as the Python rules give them (SQLite returns dates as text, sums of
    decimals as floats)."""
    sql, params = query(workers, year=year, as_of=as_of, today=today)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    return [
        SnapshotRow(
            worker_id,
            code,
            start if isinstance(start, dt.date) else dt.date.fromisoformat(start),
            pre_job,
            _date(pre_job_on),
            rotation,
            _date(rotation_on),
            int(sessions),
            Decimal(str(hours)).quantize(Decimal("0.1")),
            int(political),
            bool(compliant),
        )
        for worker_id, code, start, pre_job, pre_job_on, rotation, rotation_on, sessions, hours, political, compliant in (
            fetched
        )
    ]


def write_changed(
    workers: QuerySet[Worker], *, year: int, as_of: dt.date, today: dt.date, now: dt.datetime
) -> tuple[int, int, int, int]:
    """PostgreSQL: compute and write the changed rows in one statement. Returns (rows, updated, inserted,
    deleted)."""
    assert connection.vendor == "postgresql"
    sql, params = query(workers, year=year, as_of=as_of, today=today, write=True, now=now)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        total, updated, inserted, deleted = cursor.fetchone()
    return int(total), int(updated), int(inserted), int(deleted)
