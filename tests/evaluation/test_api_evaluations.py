"""The evaluations API: access contract, create, scores, evaluator, publish, query counts, filters."""

from __future__ import annotations

import datetime as dt

from evaluation import services
from evaluation.models import Evaluation, Score
from tests.contract import AccessContract
from tests.factories.evaluation import (
    credit_code,
    indicator_ids,
    make_contract,
    make_evaluation,
    ready_to_publish,
    superuser,
)

EVALUATIONS = "/api/v1/evaluation/evaluations/"


class TestEvaluationAccess(AccessContract):
    list_url = EVALUATIONS
    model = Evaluation

    def make(self, regions, region):
        return make_evaluation(region)

    def create_payload(self, regions, region):
        return {"contract": make_contract(region).pk, "period": "2026年度"}


def test_create_returns_the_workspace_with_what_is_missing(regions, actors, api):
    contract = make_contract(regions.a1, recipients=40)
    response = api(actors.township_a1).post(
        EVALUATIONS, {"contract": contract.pk, "period": "合同期满"}, format="json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["due_date"] == "2026-12-31"
    assert [p["party"] for p in body["results"]["parties"]] == ["recipient", "purchaser", "third_party"]
    assert body["results"]["survey"]["population"] == 40
    assert any("尚未指定第三方评价机构" in b for b in body["results"]["blockers"])


def test_a_viewer_cannot_create(regions, actors, api):
    contract = make_contract(regions.a1)
    response = api(actors.city_viewer).post(
        EVALUATIONS, {"contract": contract.pk, "period": "x"}, format="json"
    )
    assert response.status_code == 403
    assert not Evaluation.objects.exists()


def test_scores_endpoint_enters_and_lists(regions, actors, api):
    evaluation = make_evaluation(regions.a1)
    rows = [{"indicator": i, "value": "88.5"} for i in indicator_ids(evaluation, "purchaser")]
    url = f"{EVALUATIONS}{evaluation.pk}/scores/"
    response = api(actors.township_a1).post(url, {"party": "purchaser", "scores": rows}, format="json")
    assert response.status_code == 200, response.content
    assert {r["value"] for r in response.json()} == {"88.50"}


def test_scores_out_of_range_are_400_and_nothing_saved(regions, actors, api):
    evaluation = make_evaluation(regions.a1)
    ids = indicator_ids(evaluation, "purchaser")
    rows = [{"indicator": ids[0], "value": "90"}, {"indicator": ids[1], "value": "101"}]
    response = api(actors.county_admin).post(
        f"{EVALUATIONS}{evaluation.pk}/scores/", {"party": "purchaser", "scores": rows}, format="json"
    )
    assert response.status_code == 400
    assert "0到100" in str(response.json()["fields"]["scores"])
    assert not Score.objects.exists()


def test_scores_of_another_county_are_404(regions, actors, api):
    evaluation = make_evaluation(regions.a1)
    response = api(actors.outsider).post(
        f"{EVALUATIONS}{evaluation.pk}/scores/", {"party": "purchaser", "scores": []}, format="json"
    )
    assert response.status_code == 404


def test_evaluator_linked_to_the_contractor_is_400(regions, actors, api):
    evaluation = make_evaluation(regions.a1)
    response = api(actors.county_admin).post(
        f"{EVALUATIONS}{evaluation.pk}/evaluator/",
        {
            "name": "关联机构",
            "credit_code": credit_code(prefix="12"),
            "declared_codes": [evaluation.contract.contractor.credit_code],
        },
        format="json",
    )
    assert response.status_code == 400
    assert "关联关系" in str(response.json())


def test_publish_before_scores_is_400_and_after_is_200_then_409(regions, actors, api):
    evaluation = make_evaluation(regions.a1)
    url = f"{EVALUATIONS}{evaluation.pk}/publish/"
    response = api(actors.county_admin).post(url, {}, format="json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()["fields"]
    ready_to_publish(evaluation)
    response = api(actors.county_admin).post(url, {"summary": "服务规范"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["grade"] == "excellent"
    assert api(actors.county_admin).post(url, {}, format="json").status_code == 409


def test_publishing_a_fail_needs_a_rectification_deadline(regions, actors, api):
    evaluation = ready_to_publish(make_evaluation(regions.a1), recipient=1, purchaser="30", third_party="30")
    url = f"{EVALUATIONS}{evaluation.pk}/publish/"
    response = api(actors.county_admin).post(url, {}, format="json")
    assert response.status_code == 400
    assert "rectification_deadline" in response.json()["fields"]
    deadline = (dt.date.today() + dt.timedelta(days=60)).isoformat()
    response = api(actors.county_admin).post(
        url,
        {"rectification_requirements": "重新培训服务人员", "rectification_deadline": deadline},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["rectification"]["deadline"] == deadline


def test_evaluation_list_query_count(regions, actors, api, django_assert_max_num_queries):
    for _ in range(6):
        make_evaluation(regions.a1)
    # grants, count, page of evaluations joined with contract/project/contractor/region/survey
    with django_assert_max_num_queries(3):
        response = api(actors.county_admin).get(EVALUATIONS)
    assert response.json()["count"] == 6


def test_evaluation_detail_query_count(regions, actors, api, django_assert_max_num_queries):
    evaluation = ready_to_publish(make_evaluation(regions.a1))
    # grants, evaluation with joins, parties, indicators, scores
    with django_assert_max_num_queries(5):
        response = api(actors.county_admin).get(f"{EVALUATIONS}{evaluation.pk}/")
    assert response.json()["results"]["total"] is not None


def test_filter_by_status_and_search(regions, actors, api):
    published = ready_to_publish(make_evaluation(regions.a1))
    services.evaluation_publish(actor=superuser(), evaluation=published)
    make_evaluation(regions.a2)
    body = api(actors.county_admin).get(EVALUATIONS, {"status": "published"}).json()
    assert [r["id"] for r in body["results"]] == [published.pk]
    body = api(actors.county_admin).get(EVALUATIONS, {"region": "440106002"}).json()
    assert body["count"] == 1 and body["results"][0]["region"] == "440106002"
