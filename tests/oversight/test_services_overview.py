"""The overview job: its figures equal the sums of each area's own API for the same region and month, it is
idempotent, and it writes one snapshot per province, city, county and township."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from oversight import services
from oversight.models import OverviewSnapshot
from tests.oversight.scenario import PERIOD, SHANGHAI, read_all, seed_all

pytestmark = pytest.mark.django_db

LAST_DAY = dt.date(2026, 10, 31)


def _in_month(value: str | None) -> bool:
    if not value:
        return False
    local = dt.datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(SHANGHAI)
    return (local.year, local.month) == (2026, 10)


def staffing_from_api(client, code: str) -> dict:
    rows = read_all(client, f"/api/v1/staffing/compliance/?period={PERIOD}&region={code}&page_size=500")
    areas = [r for r in rows if r["level"] != "village"]
    villages = [r for r in rows if r["level"] == "village"]
    return {
        "required": sum(r["required_staff"] or 0 for r in areas),
        "actual": sum(r["actual_staff"] for r in areas),
        "short_regions": sum(r["status"] == "short" for r in areas),
        "no_data_regions": sum(r["status"] == "no_data" for r in areas),
        "villages_without_coordinator": sum(r["status"] == "short" for r in villages),
    }


def windows_from_api(client, code: str) -> dict:
    rows = read_all(client, f"/api/v1/windows/cases/?region={code}")
    received = [r for r in rows if _in_month(r["received_at"])]
    return {
        "received": len(received),
        "closed": sum(_in_month(r["closed_at"]) for r in rows),
        "overdue_now": sum(r["overdue"] for r in rows),
        "cross_region": sum(r["cross_region"] for r in received),
    }


def procurement_from_api(client, code: str) -> dict:
    projects = read_all(client, f"/api/v1/procurement/projects/?region={code}&year=2026")
    contracts = read_all(client, f"/api/v1/procurement/contracts/?region={code}&year=2026")
    evaluations = read_all(client, f"/api/v1/evaluation/evaluations/?region={code}&status=published")
    published = [
        e
        for e in evaluations
        if e["published_on"] and "2026-01-01" <= e["published_on"] <= LAST_DAY.isoformat()
    ]
    sanctions = read_all(client, "/api/v1/procurement/sanctions/")
    in_force = [
        s
        for s in sanctions
        if s["region"]
        and s["region"].startswith(code)
        and s["debar_from"] <= LAST_DAY.isoformat() <= s["debar_to"]
    ]
    live = [c for c in contracts if c["status"] != "terminated"]
    return {
        "projects": len(projects),
        "contracted_amount": f"{sum((Decimal(c['amount']) for c in live), Decimal(0)):.2f}",
        "in_supervision": sum(c["status"] in ("active", "suspended") for c in live),
        "evaluations_published": len(published),
        "grades": {g: sum(e["grade"] == g for e in published) for g in ("excellent", "good", "pass", "fail")},
        "debarments": len(in_force),
    }


def training_from_api(client, code: str, level: str) -> dict:
    own = client.get(f"/api/v1/training/compliance/?year=2026&region={code}&level={level}").json()["results"]
    held = sum(r["organiser_status"] == "done" for r in own)
    for below in {"province": ("city", "county"), "city": ("county",)}.get(level, ()):
        rows = client.get(f"/api/v1/training/compliance/?year=2026&region={code}&level={below}").json()[
            "results"
        ]
        held += sum(r["organiser_status"] == "done" for r in rows)
    row = next(r for r in own if r["region"] == code)
    return {"workers": row["workers"], "compliant": row["compliant"], "levels_held": held}


REGIONS = [
    ("44", "province"),
    ("4401", "city"),
    ("440106", "county"),
    ("440106001", "township"),
    ("440303", "county"),
]


class TestFiguresEqualTheAreasOwnApi:
    @pytest.fixture
    def seeded(self, regions, actors):
        seed_all(regions, actors)
        services.overview_compute(PERIOD)

    @pytest.mark.parametrize(("code", "level"), REGIONS)
    def test_each_area_matches_its_own_api(self, seeded, actors, api, code, level):
        client = api(actors.superuser)
        figures = OverviewSnapshot.objects.get(period=PERIOD, region_code=code).figures
        assert {k: figures["staffing"][k] for k in staffing_from_api(client, code)} == staffing_from_api(
            client, code
        )
        windows = windows_from_api(client, code)
        assert {k: figures["windows"][k] for k in windows} == windows
        procurement = procurement_from_api(client, code)
        assert {k: figures["procurement"][k] for k in procurement} == procurement
        training = training_from_api(client, code, level)
        assert {k: figures["training"][k] for k in training} == training

    def test_hand_counted_figures_of_county_a(self, seeded):
        """Counted by hand from the scenario, not from any API."""
        f = OverviewSnapshot.objects.get(period=PERIOD, region_code="440106").figures
        assert f["windows"]["received"] == 4  # cases 1, 2, 3, 5
        assert f["windows"]["closed"] == 4  # cases 1, 2, 4, 5
        assert f["windows"]["overdue_now"] == 1 and f["windows"]["ever_overdue"] == 1
        assert f["windows"]["cross_region_share"] == 0.25
        # working days of the cases closed in October: 2, 5, 4 and case 4's (Sept 20 → Oct 16, well over 5)
        # → median (4 + 5) / 2
        assert f["windows"]["median_working_days"] == 4.5
        assert f["procurement"]["projects"] == 6  # three projects plus the three contracts' projects (2026)
        assert f["procurement"]["contracted_amount"] == "420000.50"
        assert f["procurement"]["grades"] == {"excellent": 1, "good": 1, "pass": 0, "fail": 1}
        assert f["procurement"]["debarments"] == 1
        assert f["training"]["workers"] == 5  # two seeded here, three by the staffing scenario

    def test_hand_counted_median_of_township_a1(self, seeded):
        # closed in October at A1: cases 1 (2 days), 2 (5 days), 4 (Sept 20 → Oct 16)
        f = OverviewSnapshot.objects.get(period=PERIOD, region_code="440106001").figures
        assert f["windows"]["closed"] == 3
        assert f["windows"]["median_working_days"] == 5.0


class TestTheJob:
    def test_one_snapshot_per_province_city_county_township(self, regions):
        assert services.overview_compute(PERIOD) == 8  # 44, 4401, 4403, 440106, 440303 and three townships
        codes = set(OverviewSnapshot.objects.values_list("region_code", flat=True))
        assert codes == {"44", "4401", "4403", "440106", "440303", "440106001", "440106002", "440303001"}

    def test_running_twice_gives_the_same_rows(self, regions, actors):
        seed_all(regions, actors)
        services.overview_compute(PERIOD)
        first = dict(OverviewSnapshot.objects.values_list("region_code", "figures"))
        services.overview_compute(PERIOD)
        assert dict(OverviewSnapshot.objects.values_list("region_code", "figures")) == first
        assert OverviewSnapshot.objects.filter(period=PERIOD).count() == len(first)

    def test_a_bad_period_is_refused(self, regions):
        with pytest.raises(ValidationError):
            services.overview_compute("2026-13")

    def test_nightly_computes_the_running_month_and_the_month_before(self, regions):
        assert services.overview_nightly(today=dt.date(2026, 1, 15)) == ["2026-01", "2025-12"]
        assert set(OverviewSnapshot.objects.values_list("period", flat=True)) == {"2026-01", "2025-12"}
