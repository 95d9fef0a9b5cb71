"""Evaluation pages: list per region, creating one, the workspace and its steps, results with charts."""

from __future__ import annotations

from django.test import Client

from evaluation.models import Evaluation
from tests.factories.evaluation import (
    indicator_ids,
    make_contract,
    make_evaluation,
    ready_to_publish,
)


def test_list_shows_evaluations_in_scope_only(regions, actors, web, django_assert_max_num_queries):
    mine = [make_evaluation(regions.a1) for _ in range(4)]
    other = make_evaluation(regions.b1)
    client = web(actors.county_admin)
    # session, user, grants, count, the shell's unread notifications, page (joined: contract, project,
    # contractor, region, survey), then the session save (savepoint, update, release)
    with django_assert_max_num_queries(9):
        response = client.get("/evaluation/")
    assert response.status_code == 200
    text = response.content.decode()
    assert all(e.contract.number in text for e in mine)
    assert other.contract.number not in text


def test_workspace_shows_what_each_party_entered_and_what_is_missing(regions, actors, web):
    evaluation = make_evaluation(regions.a1)
    response = web(actors.township_a1).get(f"/evaluation/{evaluation.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "已评0项，缺3项" in text and "尚未指定第三方评价机构" in text


def test_workspace_out_of_scope_is_404(regions, actors, web):
    evaluation = make_evaluation(regions.a1)
    assert web(actors.outsider).get(f"/evaluation/{evaluation.pk}/").status_code == 404
    assert web(actors.township_a2).get(f"/evaluation/{evaluation.pk}/").status_code == 404


def test_create_page_creates_an_evaluation(regions, actors, web):
    contract = make_contract(regions.a1)
    client = web(actors.county_admin)
    assert client.get(f"/evaluation/new/?contract={contract.pk}").status_code == 200
    response = client.post("/evaluation/new/", {"contract": contract.pk, "period": "合同期满"})
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/evaluation/{evaluation.pk}/"


def test_score_form_saves_and_reports_bad_input(regions, actors, web):
    evaluation = make_evaluation(regions.a1)
    ids = indicator_ids(evaluation, "purchaser")
    client = web(actors.county_admin)
    client.post(f"/evaluation/{evaluation.pk}/scores/purchaser/", {f"i{ids[0]}": "150"})
    assert not evaluation.scores.exists()
    client.post(f"/evaluation/{evaluation.pk}/scores/purchaser/", {f"i{i}": "80" for i in ids})
    assert evaluation.scores.count() == 3


def test_evaluator_form_refuses_the_contractor_itself(regions, actors, web):
    evaluation = make_evaluation(regions.a1)
    response = web(actors.county_admin).post(
        f"/evaluation/{evaluation.pk}/evaluator/",
        {"name": "x", "credit_code": evaluation.contract.contractor.credit_code},
        follow=True,
    )
    assert "不能是承接主体本身" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.evaluator_credit_code == ""


def test_results_page_has_a_chart_per_dimension(regions, actors, web):
    evaluation = ready_to_publish(make_evaluation(regions.a1))
    response = web(actors.city_viewer).get(f"/evaluation/{evaluation.pk}/results/")
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count('class="chart"') == 3 and "echarts.min.js" in text and "evaluation-chart" in text


def test_publish_page_flow_and_public_page_without_recipient_data(regions, actors, web):
    evaluation = ready_to_publish(make_evaluation(regions.a1))
    web(actors.county_admin).post(f"/evaluation/{evaluation.pk}/publish/", {"summary": "良好"})
    evaluation.refresh_from_db()
    assert evaluation.status == "published"
    anonymous = Client()
    listing = anonymous.get("/evaluation/public/").content.decode()
    assert evaluation.contract.contractor.name in listing and evaluation.contract.project.title in listing
    detail = anonymous.get(f"/evaluation/public/{evaluation.pk}/")
    text = detail.content.decode()
    assert detail.status_code == 200 and str(evaluation.total) in text and "优秀" in text
    assert "窗口" not in text and "问卷" not in text  # no responses, channels or recipients


def test_results_page_says_the_grade_reads_the_exact_total_when_the_display_rounds_up_to_60(
    regions, actors, web
):
    # recipients 75 × 50% + purchaser 44.98 × 25% + third party 45 × 25% = 37.5 + 11.245 + 11.25 = 59.995
    evaluation = ready_to_publish(
        make_evaluation(regions.a1), recipient=4, purchaser="44.98", third_party="45"
    )
    text = web(actors.city_viewer).get(f"/evaluation/{evaluation.pk}/results/").content.decode()
    assert "60.00" in text and "不合格" in text and "59.995" in text and "等级按精确得分判定" in text
    api = web(actors.city_viewer).get(f"/api/v1/evaluation/evaluations/{evaluation.pk}/").json()
    assert api["results"]["total"] in ("60.00", 60.0) and api["results"]["grade"] == "fail"
