"""GET /api/v1/overview/: the shape the issue names, scoped rows, 404 out of scope, snapshots only."""

from __future__ import annotations

import pytest

from oversight import services
from oversight.models import OverviewSnapshot

pytestmark = pytest.mark.django_db
URL = "/api/v1/overview/"
PERIOD = "2026-10"


@pytest.fixture
def computed(regions):
    services.overview_compute(PERIOD)


class TestScope:
    def test_a_county_admin_sees_the_county_and_its_townships(self, computed, actors, api):
        data = api(actors.county_admin).get(f"{URL}?region=440106&period={PERIOD}").json()
        assert data["self"]["region"] == "440106"
        assert [c["region"] for c in data["children"]] == ["440106001", "440106002"]

    def test_a_county_admin_opens_on_the_county_by_default(self, computed, actors, api):
        assert api(actors.county_admin).get(URL).json()["region"] == "440106"

    def test_a_county_admin_asking_for_the_city_gets_404(self, computed, actors, api):
        response = api(actors.county_admin).get(f"{URL}?region=4401&period={PERIOD}")
        assert response.status_code == 404

    def test_a_city_viewer_sees_the_citys_counties_only(self, computed, actors, api):
        data = api(actors.city_viewer).get(f"{URL}?region=4401&period={PERIOD}").json()
        assert [c["region"] for c in data["children"]] == ["440106"]
        assert api(actors.city_viewer).get(f"{URL}?region=4403").status_code == 404
        assert api(actors.city_viewer).get(f"{URL}?region=44").status_code == 404

    def test_a_province_viewer_sees_every_city(self, computed, actors, api):
        data = api(actors.provincial_viewer).get(f"{URL}?region=44&period={PERIOD}").json()
        assert [c["region"] for c in data["children"]] == ["4401", "4403"]

    def test_anonymous_is_refused(self, computed, api):
        assert api().get(URL).status_code in (401, 403)


class TestShape:
    def test_the_fields_the_issue_names(self, computed, actors, api):
        data = api(actors.provincial_viewer).get(f"{URL}?region=4401&period={PERIOD}").json()
        assert {"region", "period", "computed_at", "self", "children"} <= set(data)
        child = data["children"][0]
        assert {
            "required",
            "actual",
            "short_regions",
            "no_data_regions",
            "villages_without_coordinator",
        } <= set(child["staffing"])
        assert {"received", "closed", "overdue_now", "ever_overdue", "median_working_days"} <= set(
            child["windows"]
        )
        assert {
            "projects",
            "contracted_amount",
            "in_supervision",
            "evaluations_published",
            "grades",
            "debarments",
        } <= set(child["procurement"])
        assert set(child["procurement"]["grades"]) == {"excellent", "good", "pass", "fail"}
        assert {"workers", "compliant", "levels_held"} <= set(child["training"])
        assert data["computed_at"]

    def test_a_bad_period_is_400_with_a_code(self, computed, actors, api):
        response = api(actors.provincial_viewer).get(f"{URL}?region=44&period=2026-13")
        assert response.status_code == 400
        assert "YYYY-MM" in str(response.json())

    def test_a_month_not_computed_answers_no_rows(self, computed, actors, api):
        data = api(actors.provincial_viewer).get(f"{URL}?region=44&period=2020-01").json()
        assert data["self"] is None and data["children"] == []

    def test_reading_scans_no_area_table(self, computed, actors, api, django_assert_max_num_queries):
        client = api(actors.provincial_viewer)
        # grants, the region chain, the snapshots, the thresholds
        with django_assert_max_num_queries(4):
            assert client.get(f"{URL}?region=44&period={PERIOD}").status_code == 200


class TestRecompute:
    def test_an_admin_recomputes_a_month(self, regions, actors, api, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = api(actors.county_admin).post(
                "/api/v1/oversight/overview/recompute/", {"period": PERIOD}
            )
        assert response.status_code == 202
        assert OverviewSnapshot.objects.filter(period=PERIOD).exists()

    def test_a_viewer_may_not_recompute(self, regions, actors, api):
        response = api(actors.city_viewer).post("/api/v1/oversight/overview/recompute/", {"period": PERIOD})
        assert response.status_code == 403
        assert not OverviewSnapshot.objects.exists()

    def test_a_bad_period_is_400(self, regions, actors, api):
        response = api(actors.county_admin).post(
            "/api/v1/oversight/overview/recompute/", {"period": "10/2026"}
        )
        assert response.status_code == 400
