"""Training's lists as a clerk uses them (issue 14): the workers' training records and the workers needing training
sort by a header (this year's snapshot too), page by the size chosen, find by name, export the filtered view, stay
in scope, and cost the same queries at 3 rows and 30."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.training import WorkerFactory
from tests.listing import assert_flat_query_count, column, sheet_rows
from training.choices import PreJobStatus, RotationStatus
from training.models import WorkerCompliance

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year


def _snapshot(worker, hours, pre_job=PreJobStatus.DONE, rotation=RotationStatus.DONE, year=YEAR):
    return WorkerCompliance.objects.create(
        worker=worker,
        year=year,
        region_code=worker.region.code,
        start_date=worker.start_date,
        pre_job_status=pre_job,
        rotation_status=rotation,
        hours_in_year=Decimal(hours),
        compliant=pre_job != PreJobStatus.AWAITING and rotation != RotationStatus.MISSING,
        computed_at=timezone.now(),
    )


@pytest.fixture
def three(regions):
    workers = [
        WorkerFactory(region=regions.a1, name="赵一"),
        WorkerFactory(region=regions.a2, name="钱二"),
        WorkerFactory(region=regions.a1, name="孙三"),
        WorkerFactory(region=regions.b1, name="外县李四"),
    ]
    _snapshot(workers[0], "12.0")
    _snapshot(workers[1], "4.5", rotation=RotationStatus.MISSING)
    _snapshot(workers[2], "30.0", pre_job=PreJobStatus.AWAITING)
    _snapshot(workers[3], "8.0", rotation=RotationStatus.MISSING)
    return workers


def _names(response):
    return [w.name for w in response.context["page"]]


def test_the_records_sort_by_this_years_hours_both_ways(three, actors, web):
    client = web(actors.county_admin)
    assert _names(client.get(reverse("training:workers"), {"sort": "hours"})) == ["钱二", "赵一", "孙三"]
    assert _names(client.get(reverse("training:workers"), {"sort": "-hours"})) == ["孙三", "赵一", "钱二"]
    html = client.get(reverse("training:workers"), {"sort": "-hours"}).content.decode()
    assert 'aria-sort="descending"' in html and "待岗前培训" in html and "未轮训" in html


def test_a_record_is_found_by_name_or_region_code_and_never_out_of_scope(three, actors, web):
    client = web(actors.county_admin)
    assert _names(client.get(reverse("training:workers"), {"q": "钱"})) == ["钱二"]
    assert sorted(_names(client.get(reverse("training:workers"), {"q": "440106001"}))) == ["孙三", "赵一"]
    assert _names(client.get(reverse("training:workers"), {"q": "李四"})) == []


def test_the_records_export_is_the_filtered_sorted_view(three, actors, web):
    rows = sheet_rows(
        web(actors.county_admin).get(reverse("training:workers"), {"sort": "-hours", "export": "xlsx"})
    )
    assert column(rows, "姓名") == ["孙三", "赵一", "钱二"]
    assert column(rows, "岗前培训") == ["待岗前培训", "岗前已培训", "岗前已培训"]
    assert column(rows, "本年学时") == [30, 12, 4.5]
    found = sheet_rows(
        web(actors.county_admin).get(reverse("training:workers"), {"q": "赵", "export": "xlsx"})
    )
    assert column(found, "姓名") == ["赵一"]


def test_a_worker_without_this_years_snapshot_reads_not_computed(regions, actors, web):
    WorkerFactory(region=regions.a1, name="新人")
    html = web(actors.county_admin).get(reverse("training:workers")).content.decode()
    assert "未计算" in html


def test_the_records_page_by_size_at_a_flat_query_cost(
    three, regions, actors, web, django_assert_max_num_queries
):
    client = web(actors.county_admin)

    def thirty_more():
        for n in range(30):
            _snapshot(WorkerFactory(region=regions.a2, name=f"人员{n:02d}"), str(n))

    assert_flat_query_count(
        lambda: client.get(reverse("training:workers"), {"sort": "rotation"}),
        thirty_more,
        django_assert_max_num_queries,
    )
    page = client.get(reverse("training:workers"), {"per_page": "20", "page": "2"}).context["page"]
    assert page.paginator.per_page == 20 and len(page) == 13


def test_the_missing_list_sorts_finds_and_exports_in_scope(three, actors, web):
    client = web(actors.county_admin)
    url = reverse("training:missing")
    by_hours = client.get(url, {"year": YEAR, "sort": "-hours"}).context["page"]
    assert [s.worker.name for s in by_hours] == ["孙三", "钱二"]  # 赵一 is trained; 外县李四 is county B
    found = client.get(url, {"year": YEAR, "q": "钱"}).context["page"]
    assert [s.worker.name for s in found] == ["钱二"]
    rows = sheet_rows(client.get(url, {"year": YEAR, "sort": "name", "export": "xlsx"}))
    assert sorted(column(rows, "姓名")) == ["孙三", "钱二"]
    assert column(rows, "定期轮训")[column(rows, "姓名").index("钱二")] == "未轮训"


def test_the_missing_list_costs_the_same_for_30_rows(
    three, regions, actors, web, django_assert_max_num_queries
):
    client = web(actors.county_admin)

    def thirty_more():
        for n in range(30):
            _snapshot(
                WorkerFactory(region=regions.a1, name=f"缺训{n:02d}"), "1", rotation=RotationStatus.MISSING
            )

    assert_flat_query_count(
        lambda: client.get(reverse("training:missing"), {"year": YEAR, "sort": "region"}),
        thirty_more,
        django_assert_max_num_queries,
    )
    assert (
        client.get(reverse("training:missing"), {"year": YEAR, "per_page": "20"})
        .context["page"]
        .paginator.count
        == 32
    )
