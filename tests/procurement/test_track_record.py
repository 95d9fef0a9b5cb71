"""A contractor's published evaluation results, kept by procurement and read beside its bids (一(六))."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib import import_module

from django.apps import apps as django_apps

from evaluation import services as evaluation_services
from procurement import selectors
from procurement.models import ContractorResult
from tests.factories.evaluation import make_evaluation, ready_to_publish, superuser
from tests.factories.procurement import ContractorFactory, record_result


def test_no_results_gives_empty_record(db):
    assert selectors.track_record([1, 2]) == {}


def test_results_are_listed_per_contractor_newest_first(db):
    first, second = ContractorFactory(), ContractorFactory()
    record_result(first, published_on=dt.date(2024, 12, 1), grade="良好")
    record_result(first, published_on=dt.date(2025, 12, 1), grade="不合格", failed=True)
    record_result(second, published_on=dt.date(2024, 12, 1), grade="良好")
    merged = selectors.track_record([first.pk, second.pk])
    assert [e["date"] for e in merged[first.pk]] == [dt.date(2025, 12, 1), dt.date(2024, 12, 1)]
    assert [e["grade"] for e in merged[second.pk]] == ["良好"]
    assert merged[first.pk][0]["failed"] is True and merged[first.pk][1]["failed"] is False


def test_recording_the_same_evaluation_twice_does_not_duplicate(db):
    contractor = ContractorFactory()
    record_result(contractor, published_on=dt.date(2025, 1, 1), evaluation_ref=7)
    record_result(contractor, published_on=dt.date(2025, 1, 1), evaluation_ref=7, score=Decimal("86.00"))
    assert len(selectors.track_record([contractor.pk])[contractor.pk]) == 1
    assert ContractorResult.objects.get(evaluation_ref=7).score == Decimal("86.00")


def test_repeated_ids_are_one_query_and_contractors_without_results_are_absent(db, django_assert_num_queries):
    with_results, without = ContractorFactory(), ContractorFactory()
    record_result(with_results, published_on=dt.date(2025, 1, 1))
    with django_assert_num_queries(1):
        record = selectors.track_record([without.pk, without.pk, with_results.pk])
    assert set(record) == {with_results.pk}


def test_at_most_five_results_per_contractor(db):
    contractor = ContractorFactory()
    for year in range(2018, 2025):
        record_result(contractor, published_on=dt.date(year, 12, 1))
    entries = selectors.track_record([contractor.pk])[contractor.pk]
    assert [e["date"].year for e in entries] == [2024, 2023, 2022, 2021, 2020]


def test_the_migration_backfills_evaluations_published_before(regions):
    """0004 copies the evaluations published before evaluation pushed its results here."""
    published = evaluation_services.evaluation_publish(
        actor=superuser(),
        evaluation=ready_to_publish(make_evaluation(regions.a1)),
        today=dt.date(2025, 12, 1),
    )
    make_evaluation(regions.a1)  # in progress: not copied
    pushed = ContractorResult.objects.values().get()
    ContractorResult.objects.all().delete()
    import_module("procurement.migrations.0004_backfill_contractor_results").backfill(django_apps, None)
    copied = ContractorResult.objects.values().get()
    assert {k: v for k, v in copied.items() if k != "id"} == {k: v for k, v in pushed.items() if k != "id"}
    assert copied["evaluation_ref"] == published.pk
