"""The overview page, its Excel export and the printable monthly brief."""

from __future__ import annotations

from io import BytesIO

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from oversight import services
from oversight.models import OverviewSnapshot, Threshold

pytestmark = pytest.mark.django_db
PERIOD = "2026-10"


@pytest.fixture
def computed(regions):
    services.overview_compute(PERIOD)


class TestPage:
    def test_the_page_lists_the_child_regions_and_says_when_computed(self, computed, actors, web):
        page = web(actors.city_viewer).get(f"/oversight/?region=4401&period={PERIOD}").content.decode()
        assert "天河区" in page and "罗湖区" not in page
        assert "数据计算于" in page

    def test_a_county_drills_to_nothing_below_townships(self, computed, actors, web):
        page = web(actors.county_admin).get("/oversight/?region=440106").content.decode()
        assert "五山街道" in page and 'href="?region=440106001&' not in page

    def test_out_of_scope_is_404(self, computed, actors, web):
        assert web(actors.county_admin).get("/oversight/?region=4403").status_code == 404

    def test_a_red_figure_by_the_threshold_data(self, computed, actors, web):
        snap = OverviewSnapshot.objects.get(period=PERIOD, region_code="440106")
        snap.figures["windows"]["overdue_now"] = 7
        snap.save()
        Threshold.objects.filter(area="windows", figure="overdue_now").update(amber=1, red=5)
        page = web(actors.county_admin).get(f"/oversight/?region=4401&period={PERIOD}")
        assert page.status_code == 404  # a county admin does not see the city page
        page = web(actors.city_viewer).get(f"/oversight/?region=4401&period={PERIOD}").content.decode()
        assert '<td class="red">7</td>' in page

    def test_no_snapshot_yet_says_so(self, regions, actors, web):
        page = web(actors.county_admin).get("/oversight/").content.decode()
        assert "尚无概览数据" in page

    def test_an_admin_recomputes_from_the_page(
        self, regions, actors, web, django_capture_on_commit_callbacks
    ):
        with django_capture_on_commit_callbacks(execute=True):
            response = web(actors.county_admin).post(
                "/oversight/recompute/", {"period": PERIOD, "region": "440106"}
            )
        assert response.status_code == 302
        assert OverviewSnapshot.objects.filter(period=PERIOD, region_code="440106").exists()


class TestExport:
    def test_the_export_has_one_row_per_region_shown(self, computed, actors, web):
        response = web(actors.city_viewer).get(f"/oversight/export/?region=4401&period={PERIOD}")
        sheet = load_workbook(BytesIO(response.content)).active
        codes = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert codes == ["4401", "440106"]
        assert sheet.cell(1, 3).value == "应配经办人员"


class TestBrief:
    def test_the_brief_shows_the_month_on_month_change(self, regions, actors, web):
        services.overview_compute("2026-09")
        services.overview_compute(PERIOD)
        before = OverviewSnapshot.objects.get(period="2026-09", region_code="440106")
        before.figures["windows"]["received"] = 10
        before.save()
        now = OverviewSnapshot.objects.get(period=PERIOD, region_code="440106")
        now.figures["windows"]["received"] = 14
        now.save()
        page = (
            web(actors.county_admin).get(f"/oversight/brief/?region=440106&period={PERIOD}").content.decode()
        )
        assert "<td>14</td><td>10</td><td>+4</td>" in page


def _cell_classes(page: str, code: str) -> dict[str, list[str]]:
    """Column label → the classes of the region's cell."""
    soup = BeautifulSoup(page, "html.parser")
    labels = [th.get_text(strip=True) for th in soup.select("table.ov thead th")][1:]
    cells = soup.select_one(f'tr[data-region="{code}"]').select("td")
    return {label: cell.get("class", []) for label, cell in zip(labels, cells, strict=False)}


class TestNoData:
    def test_a_region_without_data_is_grey_never_green_and_counted_apart(self, computed, actors, web):
        snap = OverviewSnapshot.objects.get(period=PERIOD, region_code="440106")
        snap.figures["windows"].update(received=0, closed=0, overdue_now=0, ever_overdue=0)
        snap.figures["training"]["workers"] = 0
        snap.figures["staffing"].update(short_regions=0, no_data_regions=2)
        snap.save()
        page = web(actors.city_viewer).get(f"/oversight/?region=4401&period={PERIOD}").content.decode()
        cells = _cell_classes(page, "440106")
        for label in ("当前超期", "曾超期", "培训达标率", "不达标县、乡镇"):
            assert cells[label] == ["none"], label
        assert cells["无户数数据"] in (["none"], ["amber"], ["red"])  # grey, or the threshold's own alarm
        figure = BeautifulSoup(page, "html.parser").select_one("#no-data-children")
        assert figure.select_one(".value").get_text() == "1"

    def test_a_region_with_data_keeps_its_green(self, computed, actors, web):
        snap = OverviewSnapshot.objects.get(period=PERIOD, region_code="440106")
        snap.figures["windows"].update(received=12, closed=10, overdue_now=0, ever_overdue=0)
        snap.figures["training"].update(workers=4, compliant_share=1.0)
        snap.figures["staffing"].update(short_regions=0, no_data_regions=0)
        snap.save()
        Threshold.objects.filter(area="windows", figure="overdue_now").update(amber=1, red=5)
        page = web(actors.city_viewer).get(f"/oversight/?region=4401&period={PERIOD}").content.decode()
        assert _cell_classes(page, "440106")["当前超期"] == ["green"]
        assert 'id="no-data-children"' not in page
