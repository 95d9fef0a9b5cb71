"""The county funding record: saved and corrected, funds passed down with their tasks, the overview flags a county
below the reference values, and the page and API show it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from oversight import services
from oversight.models import CountyFunding, OverviewSnapshot

pytestmark = pytest.mark.django_db

VALUES = {
    "work_fund": Decimal("250000.00"),  # 3 % of 10,000,000 would be 300,000: below
    "work_fund_source": "县级财政预算",
    "purchased_services_budget": Decimal("800000.00"),
    "dibao_spending_previous_year": Decimal("10000000.00"),
    "dispatched_staff": 4,
    "dispatched_pay_total": Decimal("360000.00"),  # 90,000 a person: above the delta's 80,000
}


def _save(regions, actors, **changes):
    return services.funding_save(
        actor=actors.county_admin, region=regions.county_a, year=2026, **{**VALUES, **changes}
    )


class TestRecord:
    def test_saving_twice_corrects_the_one_record(self, regions, actors):
        _save(regions, actors)
        _save(regions, actors, work_fund=Decimal("320000.00"))
        assert CountyFunding.objects.get().work_fund == Decimal("320000.00")

    def test_only_a_county_records_funding(self, regions, actors):
        with pytest.raises(ValidationError):
            services.funding_save(actor=actors.county_admin, region=regions.a1, year=2026, **VALUES)

    def test_a_viewer_cannot_record(self, regions, actors):
        with pytest.raises(PermissionDenied):
            services.funding_save(actor=actors.city_viewer, region=regions.county_a, year=2026, **VALUES)

    def test_another_county_is_out_of_scope(self, regions, actors):
        with pytest.raises(Http404):
            services.funding_save(actor=actors.county_admin, region=regions.county_b, year=2026, **VALUES)

    def test_funds_pass_to_a_township_of_the_county_with_their_tasks(self, regions, actors):
        record = _save(regions, actors)
        services.transfer_add(
            actor=actors.county_admin,
            funding=record,
            recipient=regions.a1,
            amount=Decimal("50000"),
            tasks="低保入户核查",
        )
        assert record.transfers.get().tasks == "低保入户核查"
        with pytest.raises(ValidationError):
            services.transfer_add(
                actor=actors.superuser, funding=record, recipient=regions.b1, amount=Decimal("1"), tasks="x"
            )


class TestOverviewFlags:
    def test_a_county_below_three_percent_is_flagged_up_to_the_province(self, regions, actors):
        _save(regions, actors)
        services.overview_compute("2026-10")
        county = OverviewSnapshot.objects.get(period="2026-10", region_code="440106").figures["funding"]
        assert county == {"counties_recorded": 1, "work_fund_below": 1, "pay_below": 0}
        assert (
            OverviewSnapshot.objects.get(period="2026-10", region_code="44").figures["funding"][
                "work_fund_below"
            ]
            == 1
        )

    def test_a_county_at_three_percent_is_not_flagged(self, regions, actors):
        _save(regions, actors, work_fund=Decimal("300000.00"))
        services.overview_compute("2026-10")
        assert (
            OverviewSnapshot.objects.get(period="2026-10", region_code="440106").figures["funding"][
                "work_fund_below"
            ]
            == 0
        )


class TestPagesAndApi:
    def test_the_page_shows_the_reference_values_and_the_flag(self, regions, actors, web):
        _save(regions, actors)
        page = web(actors.county_admin).get("/oversight/funding/").content.decode()
        assert "80000" in page and "50000" in page and "工作经费低于参考值" in page

    def test_the_api_records_and_lists_in_scope(self, regions, actors, api):
        payload = {"region": "440106", "year": 2026, **{k: str(v) for k, v in VALUES.items()}}
        assert (
            api(actors.county_admin).post("/api/v1/oversight/funding/", payload, format="json").status_code
            == 201
        )
        assert len(api(actors.city_viewer).get("/api/v1/oversight/funding/").json()["results"]) == 1
        assert api(actors.outsider).get("/api/v1/oversight/funding/").json()["results"] == []

    def test_a_negative_fund_is_400(self, regions, actors, api):
        payload = {
            "region": "440106",
            "year": 2026,
            **{k: str(v) for k, v in VALUES.items()},
            "work_fund": "-1",
        }
        assert (
            api(actors.county_admin).post("/api/v1/oversight/funding/", payload, format="json").status_code
            == 400
        )
