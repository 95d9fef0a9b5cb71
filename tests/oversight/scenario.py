"""County- and city-scale data in every area, seeded with the areas' own factories, and a client that reads an
area's list API to the end (the overview's figures are checked against those answers)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from evaluation.models import Evaluation
from procurement.choices import ProjectStatus
from staffing.choices import Post
from tests.factories.evaluation import make_evaluation
from tests.factories.procurement import ContractFactory, ProjectFactory, SanctionFactory
from tests.factories.staffing import compliance_scenario
from tests.factories.training import WorkerFactory as TrainingWorkerFactory
from tests.factories.windows import ServiceWindowFactory, make_case
from training import services as training_services
from windows.models import Case
from windows.reference import load_reference

PERIOD = "2026-10"
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day: int, month: int = 10, hour: int = 10) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, tzinfo=SHANGHAI)


def _case(
    actor, window, seq: int, *, received, closed=None, status=None, due=None, cross=False, marked=False
):
    case = make_case(actor, window, seq=seq)
    changes = {"received_at": received, "cross_region": cross}
    if closed:
        changes.update(closed_at=closed, status="closed")
    if status:
        changes["status"] = status
    if due:
        changes["due_date"] = due
    if marked:
        changes["overdue_marked_at"] = received + dt.timedelta(days=10)
    Case.objects.filter(pk=case.pk).update(**changes)


def seed_windows(regions, actors) -> None:
    """Cases at A1 (county A), A2 (county A) and B1 (county B). Working days to close (hand count, mid-October
    2026 has no holiday): Mon 12 → Wed 14 = 2; Tue 13 → Tue 20 = 5; Mon 19 → Fri 23 = 4."""
    load_reference()
    w_a1 = ServiceWindowFactory(region=regions.a1, duty_officer=actors.township_a1)
    w_a2 = ServiceWindowFactory(region=regions.a2, duty_officer=actors.township_a2)
    w_b1 = ServiceWindowFactory(region=regions.b1, duty_officer=actors.outsider)
    _case(actors.township_a1, w_a1, 1, received=at(12), closed=at(14))
    _case(actors.township_a1, w_a1, 2, received=at(13), closed=at(20), cross=True)
    _case(
        actors.township_a1, w_a1, 3, received=at(15), due=dt.date(2026, 10, 20), marked=True
    )  # open, overdue
    _case(actors.township_a1, w_a1, 4, received=at(20, month=9), closed=at(16))  # received in September
    _case(actors.township_a2, w_a2, 5, received=at(19), closed=at(23))
    _case(actors.township_a2, w_a2, 6, received=at(5, month=11))  # November: not in the month
    _case(actors.outsider, w_b1, 7, received=at(21), cross=True)


def seed_procurement(regions) -> None:
    ProjectFactory(purchaser=regions.county_a, status=ProjectStatus.SELECTED)
    ProjectFactory(purchaser=regions.county_a, status=ProjectStatus.PUBLISHED)
    ProjectFactory(purchaser=regions.a1, status=ProjectStatus.SELECTED)
    ProjectFactory(purchaser=regions.county_a, year=2025, status=ProjectStatus.CLOSED)  # another year
    ContractFactory(project__purchaser=regions.county_a, amount=Decimal("300000.00"), status="active")
    ContractFactory(project__purchaser=regions.a2, amount=Decimal("120000.50"), status="signed")
    ContractFactory(project__purchaser=regions.county_a, amount=Decimal("99999.00"), status="terminated")
    ContractFactory(project__purchaser=regions.county_b, amount=Decimal("200000.00"), status="suspended")
    SanctionFactory(region=regions.county_a, debar_from=dt.date(2026, 3, 1), debar_to=dt.date(2027, 2, 28))
    SanctionFactory(region=regions.county_a, debar_from=dt.date(2024, 1, 1), debar_to=dt.date(2025, 1, 1))
    SanctionFactory(region=regions.county_b, debar_from=dt.date(2026, 10, 1), debar_to=dt.date(2029, 9, 30))


def _contract_2025(region):
    """A contract of a 2025 project (the evaluations' contracts stay out of the 2026 procurement figures)."""
    return ContractFactory(project__purchaser=region, project__year=2025, status="completed")


def seed_evaluations(regions) -> None:
    for region, grade, published in (
        (regions.county_a, "excellent", dt.date(2026, 6, 30)),
        (regions.county_a, "fail", dt.date(2026, 9, 1)),
        (regions.a1, "good", dt.date(2026, 10, 31)),
        (regions.county_a, "pass", dt.date(2026, 11, 2)),  # after the month
        (regions.county_b, "good", dt.date(2026, 2, 1)),
    ):
        evaluation = make_evaluation(region, contract=_contract_2025(region))
        Evaluation.objects.filter(pk=evaluation.pk).update(
            status="published", grade=grade, published_on=published, total=Decimal("75")
        )
    make_evaluation(regions.county_a, contract=_contract_2025(regions.county_a))  # in progress


def seed_training(regions) -> None:
    TrainingWorkerFactory(region=regions.a1, start_date=dt.date(2020, 1, 1))
    TrainingWorkerFactory(region=regions.a2, start_date=dt.date(2020, 1, 1))
    TrainingWorkerFactory(region=regions.b1, start_date=dt.date(2020, 1, 1), post=Post.TOWNSHIP)


def seed_all(regions, actors) -> None:
    seed_training(regions)
    compliance_scenario(regions, period=PERIOD)
    training_services.organiser_compliance_recompute(year=2026)
    training_services.worker_compliance_recompute(year=2026)
    seed_windows(regions, actors)
    seed_procurement(regions)
    seed_evaluations(regions)


def read_all(client, url: str) -> list[dict]:
    """Every row of a paginated list (page numbers or cursor), following `next` to the end."""
    rows: list[dict] = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        data = response.json()
        rows += data["results"]
        url = data.get("next")
    return rows
