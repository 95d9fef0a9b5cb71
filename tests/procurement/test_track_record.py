from __future__ import annotations

import pytest

from procurement import track_record


@pytest.fixture
def provider():
    registered = []

    def add(fn):
        track_record.register(fn)
        registered.append(fn)
        return fn

    yield add
    for fn in registered:
        track_record.unregister(fn)


def test_no_provider_gives_empty_record():
    assert track_record.for_contractors([1, 2]) == {}


def test_entries_of_all_providers_are_merged_per_contractor_newest_first(provider):
    provider(lambda ids: {i: [{"date": "2024-12-01", "grade": "良好", "failed": False}] for i in ids})
    provider(lambda ids: {1: [{"date": "2025-12-01", "grade": "不合格", "failed": True}]})
    merged = track_record.for_contractors([1, 2])
    assert [e["date"] for e in merged[1]] == ["2025-12-01", "2024-12-01"]
    assert [e["grade"] for e in merged[2]] == ["良好"]


def test_registering_twice_does_not_duplicate(provider):
    def fn(ids):
        return {i: [{"date": "2025-01-01"}] for i in ids}

    provider(fn)
    track_record.register(fn)
    assert len(track_record.for_contractors([7])[7]) == 1


def test_provider_receives_unique_ids_and_empty_entries_are_dropped(provider):
    seen = []

    def fn(ids):
        seen.append(ids)
        return {i: [] for i in ids}

    provider(fn)
    assert track_record.for_contractors([3, 3, 2]) == {}
    assert seen == [[2, 3]]
