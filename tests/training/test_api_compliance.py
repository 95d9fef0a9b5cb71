"""Compliance API: roll-ups per region and the workers missing training."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.training import WorkerFactory
from training import services

pytestmark = pytest.mark.django_db


class TestComplianceApi:
    def test_rollup_by_county_under_a_city(self, regions, actors, api):
        WorkerFactory(region=regions.a1, start_date=dt.date(2020, 1, 1))
        services.organiser_compliance_recompute(year=2026)
        services.worker_compliance_recompute(year=2026)
        data = (
            api(actors.city_viewer)
            .get("/api/v1/training/compliance/?year=2026&region=4401&level=county")
            .json()
        )
        row = next(r for r in data["results"] if r["region"] == "440106")
        assert row["workers"] == 1 and row["organiser_status"] in ("missing", "planned")
        assert data["level"] == "county"

    def test_rollup_of_another_city_is_404(self, regions, actors, api):
        assert api(actors.city_viewer).get("/api/v1/training/compliance/?region=4403").status_code == 404

    def test_level_above_the_region_is_400(self, regions, actors, api):
        assert (
            api(actors.county_admin).get("/api/v1/training/compliance/?region=440106&level=city").status_code
            == 400
        )

    def test_rollup_query_count_is_flat(self, regions, actors, api, django_assert_max_num_queries):
        for region in (regions.a1, regions.a2, regions.a1_village):
            WorkerFactory.create_batch(3, region=region)
        services.worker_compliance_recompute(year=2026)
        # grants, region, child regions, worker counts (no organiser level below a county)
        with django_assert_max_num_queries(4):
            data = api(actors.county_admin).get("/api/v1/training/compliance/?year=2026&region=440106").json()
        assert sum(r["workers"] for r in data["results"]) == 9

    def test_missing_workers_are_listed_for_the_county(self, regions, actors, api):
        mine = WorkerFactory(region=regions.a1, start_date=dt.date(2020, 1, 1))
        WorkerFactory(region=regions.b1, start_date=dt.date(2020, 1, 1))
        services.worker_compliance_recompute(year=2026)
        data = (
            api(actors.county_admin)
            .get("/api/v1/training/worker-compliance/?year=2026&compliant=false")
            .json()
        )
        assert [r["worker"] for r in data["results"]] == [mine.pk]


def test_rollup_counts_the_county_bureaus_own_staff_as_a_row(regions, actors, api):
    WorkerFactory(region=regions.county_a, post="county_bureau")
    WorkerFactory(region=regions.a1)
    services.worker_compliance_recompute(year=2026)
    data = api(actors.county_admin).get("/api/v1/training/compliance/?year=2026&region=440106").json()
    own = [r for r in data["results"] if r["own"]]
    assert [(r["name"], r["workers"]) for r in own] == [("天河区（本级）", 1)]
    assert sum(r["workers"] for r in data["results"]) == 2
