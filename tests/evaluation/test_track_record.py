"""Published results are shown beside a contractor's bids when they are scored (粤民发〔2018〕170号 一(六))."""

from __future__ import annotations

import datetime as dt

from evaluation import services
from evaluation.choices import Grade
from procurement.models import ContractorResult
from procurement.selectors import track_record
from tests.factories.evaluation import make_contract, make_evaluation, ready_to_publish, superuser


def _publish(evaluation, **kwargs):
    services.evaluation_publish(actor=superuser(), evaluation=evaluation, **kwargs)
    evaluation.refresh_from_db()
    return evaluation


def test_publishing_pushes_the_result_to_procurement(regions):
    evaluation = _publish(ready_to_publish(make_evaluation(regions.a1)), today=dt.date(2025, 12, 1))
    result = ContractorResult.objects.get(evaluation_ref=evaluation.pk)
    assert result.contractor_id == evaluation.contract.contractor_id
    assert result.contract_id == evaluation.contract_id
    assert result.period == evaluation.period and result.score == evaluation.total
    assert result.grade == str(Grade(evaluation.grade).label) and result.failed is False
    assert result.published_on == evaluation.published_on == dt.date(2025, 12, 1)
    assert result.url == f"/evaluation/public/{evaluation.pk}/"


def test_track_record_lists_published_results_newest_first_with_fails_marked(regions):
    first = make_contract(regions.a1)
    contractor = first.contractor
    good = _publish(ready_to_publish(make_evaluation(regions.a1, contract=first)), today=dt.date(2025, 12, 1))
    bad = _publish(
        ready_to_publish(
            make_evaluation(regions.a1, contract=make_contract(regions.a1, contractor=contractor)),
            recipient=1,
            purchaser="30",
            third_party="30",
        ),
        rectification_requirements="整改",
        rectification_deadline=dt.date(2027, 3, 1),
        today=dt.date(2026, 12, 1),
    )
    make_evaluation(
        regions.a1, contract=make_contract(regions.a1, contractor=contractor)
    )  # in progress: not shown
    entries = track_record([contractor.pk])[contractor.pk]
    assert [e["date"] for e in entries] == [bad.published_on, good.published_on]
    assert entries[0]["failed"] is True and entries[0]["grade"] == "不合格"
    assert entries[1]["failed"] is False and entries[1]["score"] == good.total
    assert entries[0]["url"] == f"/evaluation/public/{bad.pk}/"
    assert bad.contract.project.title in entries[0]["project"]


def test_track_record_is_one_query_for_many_contractors(regions, django_assert_max_num_queries):
    ids = []
    for _ in range(4):
        evaluation = _publish(ready_to_publish(make_evaluation(regions.a1)))
        ids.append(evaluation.contract.contractor_id)
    with django_assert_max_num_queries(1):
        record = track_record(ids)
    assert set(record) == set(ids)


def test_contractors_without_published_results_have_no_entries(regions):
    contract = make_contract(regions.a1)
    assert track_record([contract.contractor_id]) == {}


def test_track_record_appears_beside_bids_when_they_are_scored(regions, actors, api):
    """Procurement's bid list (where bids are scored) shows the contractor's published results."""
    from decimal import Decimal

    from procurement.models import Bid, Project

    evaluation = _publish(
        ready_to_publish(make_evaluation(regions.a1), recipient=1, purchaser="30", third_party="30"),
        rectification_requirements="整改服务档案",
        rectification_deadline=dt.date(2099, 1, 1),
    )
    contractor = evaluation.contract.contractor
    project = Project.objects.create(
        purchaser=regions.county_a,
        year=2027,
        title="2027年特困人员照料护理服务项目",
        budget=Decimal("600000.00"),
        funding_source="work_funds",
        method="below_limit",
        status="purchasing",
    )
    Bid.objects.create(
        project=project, contractor=contractor, price=Decimal("550000.00"), submitted_on=dt.date(2027, 3, 1)
    )
    response = api(actors.county_admin).get(f"/api/v1/procurement/projects/{project.pk}/bids/")
    assert response.status_code == 200, response.content
    record = response.json()[0]["track_record"]
    assert len(record) == 1
    assert record[0]["failed"] is True and record[0]["grade"] == "不合格"
    assert record[0]["url"] == f"/evaluation/public/{evaluation.pk}/"
