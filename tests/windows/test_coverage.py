"""Window coverage (粤民发〔2018〕170号 二(一) 在乡镇（街道）、村（居）普遍设立): townships and villages without an active
window, windows whose 五项 checklist is incomplete, counts per county — selector, API and page."""

from __future__ import annotations

import pytest

from regions.models import Region
from tests.factories.windows import ServiceWindowFactory
from windows import rules

pytestmark = pytest.mark.django_db

COMPLETE = dict(
    has_signage=True,
    has_fixed_posts=True,
    has_duties=True,
    has_service_rules=True,
    has_policies_displayed=True,
)


@pytest.fixture
def county_a_windows(regions):
    """天河区: a complete window in 五山街道 and in its 华工社区; an incomplete one (signage and posts only) in 茶山
    社区; 员村街道 has only an inactive window. Left without: 员村街道 and its two communities (one synthetic)."""
    ServiceWindowFactory(region=regions.a1, name="五山街道窗口", **COMPLETE)
    ServiceWindowFactory(region=regions.a1_village, name="华工社区窗口", **COMPLETE)
    ServiceWindowFactory(region=regions.a1_village2, name="茶山社区窗口")
    ServiceWindowFactory(region=regions.a2, name="员村街道旧窗口", active=False, **COMPLETE)
    Region.objects.create(
        code="440106002201", name="员村街道第1社区", level="village", parent=regions.a2, synthetic=True
    )


def coverage(api, user, code=None):
    response = api(user).get("/api/v1/windows/coverage/", {"region": code} if code else {})
    assert response.status_code == 200, response.content
    return response.json()


class TestCountyCoverage:
    def test_a_township_with_only_an_inactive_window_has_no_window(self, county_a_windows, actors, api):
        data = coverage(api, actors.county_admin, "440106")
        assert [r["code"] for r in data["townships_without_window"]] == ["440106002"]
        assert (data["counts"]["townships"], data["counts"]["townships_uncovered"]) == (2, 1)

    def test_villages_without_a_window_are_listed_and_the_demo_village_is_marked(
        self, county_a_windows, actors, api
    ):
        data = coverage(api, actors.county_admin, "440106")
        villages = {r["code"]: r["synthetic"] for r in data["villages_without_window"]}
        assert villages == {"440106002001": False, "440106002002": False, "440106002201": True}
        counts = data["counts"]
        assert (counts["villages"], counts["villages_covered"], counts["villages_synthetic"]) == (5, 2, 1)
        assert counts["village_coverage_rate"] == 40.0  # 2 of 5

    def test_a_window_missing_three_checklist_items_is_incomplete_with_them_named(
        self, county_a_windows, actors, api
    ):
        data = coverage(api, actors.county_admin, "440106")
        assert data["incomplete_windows"] == [
            {
                "id": data["incomplete_windows"][0]["id"],
                "name": "茶山社区窗口",
                "region": "440106001002",
                "missing": ["明确工作职责", "建立服务规范", "公示救助政策"],
            }
        ]
        assert (data["counts"]["windows_active"], data["counts"]["windows_incomplete"]) == (3, 1)

    def test_a_township_user_sees_their_township(self, county_a_windows, actors, api):
        data = coverage(api, actors.township_a2)
        assert data["region"] == "440106002"
        assert [r["code"] for r in data["townships_without_window"]] == ["440106002"]

    def test_another_county_is_404(self, county_a_windows, actors, api):
        assert api(actors.outsider).get("/api/v1/windows/coverage/", {"region": "440106"}).status_code == 404

    def test_query_count_is_flat(self, county_a_windows, actors, api, django_assert_max_num_queries):
        for i in range(20):
            Region.objects.create(code=f"440106001{300 + i}", name=f"村{i}", level="village", synthetic=True)
        # grants, region, township counts, village counts, window counts, regions without, incomplete windows
        with django_assert_max_num_queries(7):
            coverage(api, actors.county_admin, "440106")


class TestCityCoverage:
    def test_city_sees_one_row_per_county_with_counts(self, county_a_windows, actors, api):
        data = coverage(api, actors.city_viewer, "4401")
        assert [r["region"] for r in data["by_county"]] == ["440106"]
        assert data["by_county"][0]["counts"]["townships_uncovered"] == 1
        assert data["townships_without_window"] == []  # the detail lists are a county's

    def test_province_counts_every_county(self, county_a_windows, actors, api):
        data = coverage(api, actors.provincial_viewer)
        rows = {r["region"]: r["counts"] for r in data["by_county"]}
        assert rows["440303"]["townships_uncovered"] == 1 and rows["440106"]["villages_uncovered"] == 3
        assert data["counts"]["townships"] == 3


class TestCoveragePage:
    def test_county_page_lists_the_township_without_a_window(self, county_a_windows, actors, web):
        text = web(actors.county_admin).get("/windows/coverage/?region=440106").content.decode()
        assert "员村街道" in text and "演示生成" in text and "茶山社区窗口" in text
        assert 'id="townships-uncovered">1<' in text

    def test_page_of_another_county_is_404(self, county_a_windows, actors, web):
        assert web(actors.outsider).get("/windows/coverage/?region=440106").status_code == 404


class TestCoverageRules:
    def test_checklist_missing_keeps_the_policys_order(self):
        fields = (
            "has_signage",
            "has_fixed_posts",
            "has_duties",
            "has_service_rules",
            "has_policies_displayed",
        )
        values = {"has_signage": True, "has_duties": True}
        assert rules.checklist_missing(values, fields) == [
            "has_fixed_posts",
            "has_service_rules",
            "has_policies_displayed",
        ]

    def test_coverage_rate(self):
        assert rules.coverage_rate(2, 5) == 40.0
        assert rules.coverage_rate(1, 3) == 33.3
        assert rules.coverage_rate(0, 0) is None
