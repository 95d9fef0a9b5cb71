"""The public list of published evaluation results (issue 14): no login, sort by a header, page by the size
chosen, find by contractor or project, export the filtered view (organisation data only), rate-limited; only
published results, and the same queries at 3 rows and 30."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from evaluation.choices import EvaluationStatus
from evaluation.models import Evaluation
from evaluation.views import public
from tests.factories.evaluation import make_evaluation
from tests.listing import assert_flat_query_count, column, sheet_rows

pytestmark = pytest.mark.django_db


def _published(region, total, grade, day):
    evaluation = make_evaluation(region)
    Evaluation.objects.filter(pk=evaluation.pk).update(
        status=EvaluationStatus.PUBLISHED,
        total=Decimal(total),
        grade=grade,
        published_on=dt.date(2026, 11, day),
    )
    return Evaluation.objects.select_related("contract__contractor", "contract__project").get(
        pk=evaluation.pk
    )


@pytest.fixture
def results(regions):
    cache.clear()
    made = [
        _published(regions.a1, "88.50", "good", 3),
        _published(regions.a2, "55.00", "fail", 9),
        _published(regions.b1, "95.00", "excellent", 1),
    ]
    make_evaluation(regions.a1)  # in progress: never public
    return made


def _pks(response):
    return [e.pk for e in response.context["page"]]


def test_published_results_sort_by_total_and_by_date(results, client):
    url = reverse("evaluation:public")
    a, b, c = results
    assert _pks(client.get(url)) == [b.pk, a.pk, c.pk]  # newest first
    assert _pks(client.get(url, {"sort": "total"})) == [b.pk, a.pk, c.pk]
    assert _pks(client.get(url, {"sort": "-total"})) == [c.pk, a.pk, b.pk]
    assert _pks(client.get(url, {"sort": "published"})) == [c.pk, a.pk, b.pk]


def test_a_result_is_found_by_contractor_or_project(results, client):
    url = reverse("evaluation:public")
    a = results[0]
    assert _pks(client.get(url, {"q": a.contract.contractor.name})) == [a.pk]
    assert _pks(client.get(url, {"q": a.contract.project.title})) == [a.pk]


def test_the_public_export_is_the_filtered_sorted_view(results, client):
    rows = sheet_rows(client.get(reverse("evaluation:public"), {"sort": "-total", "export": "xlsx"}))
    assert [Decimal(str(v)) for v in column(rows, "综合得分")] == [
        Decimal("95"),
        Decimal("88.5"),
        Decimal("55"),
    ]
    assert column(rows, "等级") == ["优秀", "良好", "不合格"]
    assert column(rows, "承接主体") == [
        e.contract.contractor.name for e in (results[2], results[0], results[1])
    ]
    assert rows[0] == ("承接主体", "项目", "购买主体", "评价期", "综合得分", "等级", "公布日期")


def test_the_public_list_and_its_export_are_rate_limited(results, client, monkeypatch):
    monkeypatch.setattr(public, "PUBLIC_EXPORTS_PER_MINUTE", 1)
    url = reverse("evaluation:public")
    assert [client.get(url, {"export": "xlsx"}).status_code for _ in range(2)] == [200, 429]
    monkeypatch.setattr(public, "PUBLIC_VIEWS_PER_MINUTE", 3)
    assert [client.get(url).status_code for _ in range(2)] == [200, 429]


def test_the_public_list_costs_the_same_for_more_rows(
    results, regions, client, django_assert_max_num_queries
):
    url = reverse("evaluation:public")

    def more():
        for n in range(6):
            _published(regions.a1, f"{70 + n}.00", "pass", 10 + n)

    assert_flat_query_count(
        lambda: client.get(url, {"sort": "purchaser"}), more, django_assert_max_num_queries
    )
    assert client.get(url, {"per_page": "20"}).context["page"].paginator.count == 9
