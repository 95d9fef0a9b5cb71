"""Worker compliance computed in SQL (`compliance_sql`) and in Python (the pure rules) gives the figures worked out by
hand (粤民发〔2018〕170号 二(五): pre-job training before the job, rotation in each full calendar year), and a recompute
writes only the rows that changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from staffing.models import Worker
from tests.factories.training import (
    AttendanceFactory,
    TrainingPlanFactory,
    TrainingSessionFactory,
    WorkerFactory,
    aware,
)
from training import services
from training.compliance_selectors import completions, snapshot_rows, workers_in_post
from training.models import PriorTraining, WorkerCompliance
from training.services import compliance_sql

pytestmark = pytest.mark.django_db

D = dt.date
YEAR = 2025
MID_YEAR = D(2025, 7, 1)
AFTER_YEAR = D(2026, 1, 5)


def _session(region, starts_at, *, kind="rotation", status="held", political=False):
    return TrainingSessionFactory(
        plan=TrainingPlanFactory(region=region, year=starts_at.year),
        training_type=kind,
        status=status,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=7),
        political_education=political,
    )


def _prior(worker, day, kind, hours="8.0", political=False):
    PriorTraining.objects.create(
        worker=worker,
        training_type=kind,
        completed_on=day,
        title="入职前培训",
        hours=Decimal(hours),
        political_education=political,
    )


@pytest.fixture
def workers(regions):
    """name → worker, each with the training that decides its figures."""
    w = {
        name: WorkerFactory(region=regions.a1, start_date=start, name=name)
        for name, start in (
            ("done", D(2020, 1, 1)),
            ("late", D(2025, 3, 1)),
            ("first_day", D(2025, 3, 10)),
            ("awaiting", D(2023, 5, 1)),
            ("last_december", D(2020, 1, 1)),
            ("not_counted", D(2020, 1, 1)),
            ("new_year_night", D(2020, 1, 1)),
            ("entered", D(2020, 1, 1)),
        )
    }
    a1, county = regions.a1, regions.county_a
    _prior(w["done"], D(2019, 12, 1), "pre_job")
    AttendanceFactory(session=_session(county, aware(2025, 6, 10)), worker=w["done"], completed=True)
    pre_job = _session(county, aware(2025, 3, 5), kind="pre_job", political=True)
    AttendanceFactory(session=pre_job, worker=w["late"], completed=True)
    AttendanceFactory(
        session=_session(a1, aware(2025, 3, 10), kind="pre_job"), worker=w["first_day"], completed=True
    )
    _prior(w["last_december"], D(2020, 1, 1), "pre_job")
    AttendanceFactory(
        session=_session(county, aware(2024, 12, 30)), worker=w["last_december"], completed=True
    )
    _prior(w["not_counted"], D(2019, 6, 1), "pre_job")
    # not counted: not completed, a session not held, one after the day judged (mid-year)
    AttendanceFactory(session=_session(county, aware(2025, 4, 1)), worker=w["not_counted"], completed=False)
    AttendanceFactory(
        session=_session(county, aware(2025, 4, 2), status="scheduled"),
        worker=w["not_counted"],
        completed=True,
    )
    AttendanceFactory(session=_session(county, aware(2025, 9, 1)), worker=w["not_counted"], completed=True)
    # midnight in Guangzhou on 1 January 2025 is 31 December 2024 in UTC: the local day counts
    _prior(w["new_year_night"], D(2019, 1, 1), "pre_job")
    AttendanceFactory(
        session=_session(county, aware(2025, 1, 1, 0)), worker=w["new_year_night"], completed=True
    )
    _prior(w["entered"], D(2019, 12, 20), "pre_job")
    _prior(w["entered"], D(2025, 2, 1), "rotation", hours="3.5", political=True)
    # no row: a worker who left, one starting after the year
    WorkerFactory(region=a1, start_date=D(2020, 1, 1), status="left", name="left")
    WorkerFactory(region=a1, start_date=D(2026, 2, 1), name="next_year")
    return w


# name → (pre-job, its date, rotation, its date, sessions in the year, hours, political, compliant), judged mid-year
MID_YEAR_EXPECTED = {
    "done": ("done", D(2019, 12, 1), "done", D(2025, 6, 10), 1, Decimal("6.0"), 0, True),
    "late": ("late", D(2025, 3, 5), "not_required", None, 1, Decimal("6.0"), 1, True),
    "first_day": ("done", D(2025, 3, 10), "not_required", None, 1, Decimal("6.0"), 0, True),
    "awaiting": ("awaiting", None, "due", None, 0, Decimal("0.0"), 0, False),
    "last_december": ("done", D(2020, 1, 1), "due", None, 0, Decimal("0.0"), 0, True),
    "not_counted": ("done", D(2019, 6, 1), "due", None, 0, Decimal("0.0"), 0, True),
    "new_year_night": ("done", D(2019, 1, 1), "done", D(2025, 1, 1), 1, Decimal("6.0"), 0, True),
    "entered": ("done", D(2019, 12, 20), "done", D(2025, 2, 1), 1, Decimal("3.5"), 1, True),
}
# after the year: rotation still missing is missing; the September session now counts
AFTER_YEAR_CHANGES = {
    "awaiting": ("awaiting", None, "missing", None, 0, Decimal("0.0"), 0, False),
    "last_december": ("done", D(2020, 1, 1), "missing", None, 0, Decimal("0.0"), 0, False),
    "not_counted": ("done", D(2019, 6, 1), "done", D(2025, 9, 1), 1, Decimal("6.0"), 0, True),
}


def _by_name(rows, workers) -> dict[str, tuple]:
    name_of = {w.pk: name for name, w in workers.items()}
    assert {r.region_code for r in rows} == {"440106001"}
    return {name_of[r.worker_id]: tuple(r)[3:] for r in rows}


def _python_rows(year, today):
    as_of = min(today, D(year, 12, 31))
    batch = workers_in_post(Worker.objects.all(), year)
    return snapshot_rows(batch, completions(year=year, as_of=as_of), year=year, today=today)


def _stored(workers) -> dict[str, tuple]:
    name_of = {w.pk: name for name, w in workers.items()}
    return {
        name_of[s.worker_id]: (
            s.pre_job_status,
            s.pre_job_completed_on,
            s.rotation_status,
            s.rotation_completed_on,
            s.sessions_in_year,
            s.hours_in_year,
            s.political_in_year,
            s.compliant,
        )
        for s in WorkerCompliance.objects.filter(year=YEAR)
    }


@pytest.mark.parametrize(
    ("today", "expected"),
    [(MID_YEAR, MID_YEAR_EXPECTED), (AFTER_YEAR, {**MID_YEAR_EXPECTED, **AFTER_YEAR_CHANGES})],
)
def test_sql_and_python_give_the_hand_computed_figures(workers, today, expected):
    as_of = min(today, D(YEAR, 12, 31))
    sql_rows = compliance_sql.rows(Worker.objects.all(), year=YEAR, as_of=as_of, today=today)
    assert _by_name(sql_rows, workers) == expected
    assert _by_name(_python_rows(YEAR, today), workers) == expected
    assert {r.start_date for r in sql_rows if r.worker_id == workers["late"].pk} == {D(2025, 3, 1)}


def test_the_recompute_stores_the_hand_computed_figures_and_writes_only_what_changed(workers):
    assert services.worker_compliance_recompute(year=YEAR, today=MID_YEAR) == len(MID_YEAR_EXPECTED)
    assert _stored(workers) == MID_YEAR_EXPECTED
    WorkerCompliance.objects.update(computed_at=aware(2025, 7, 1))
    left = workers["done"]
    Worker.objects.filter(pk=left.pk).update(status="left")

    assert services.worker_compliance_recompute(year=YEAR, today=AFTER_YEAR) == len(MID_YEAR_EXPECTED) - 1

    expected = {**MID_YEAR_EXPECTED, **AFTER_YEAR_CHANGES}
    del expected["done"]
    assert _stored(workers) == expected
    rewritten = WorkerCompliance.objects.filter(computed_at__gt=aware(2025, 7, 2)).values_list(
        "worker_id", flat=True
    )
    assert set(rewritten) == {workers[name].pk for name in AFTER_YEAR_CHANGES}


def test_a_recompute_of_some_workers_leaves_the_others_alone(workers):
    services.worker_compliance_recompute(year=YEAR, today=MID_YEAR)
    WorkerCompliance.objects.update(computed_at=aware(2025, 7, 1))
    ids = [workers["awaiting"].pk, workers["done"].pk]
    assert services.worker_compliance_recompute(year=YEAR, worker_ids=ids, today=AFTER_YEAR) == 2
    rewritten = WorkerCompliance.objects.filter(computed_at__gt=aware(2025, 7, 2)).values_list(
        "worker_id", flat=True
    )
    assert set(rewritten) == {workers["awaiting"].pk}  # "done" has the same figures after the year
    stored = _stored(workers)
    assert stored["awaiting"] == AFTER_YEAR_CHANGES["awaiting"]
    assert stored["last_december"] == MID_YEAR_EXPECTED["last_december"]  # not recomputed
