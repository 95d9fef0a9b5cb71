"""The surveys API: access contract, responses (anonymous), invitations and settings, query counts."""

from __future__ import annotations

from django.test import TestCase

from evaluation.models import Survey, SurveyResponse
from tests.contract import AccessContract
from tests.factories.evaluation import (
    answer_all,
    indicator_ids,
    make_evaluation,
)

SURVEYS = "/api/v1/evaluation/surveys/"


class TestSurveyAccess(AccessContract):
    list_url = SURVEYS
    model = Survey

    def make(self, regions, region):
        return make_evaluation(region).survey


def test_survey_responses_via_api_are_anonymous(regions, actors, api):
    evaluation = make_evaluation(regions.a1)
    answers = {str(i): 4 for i in indicator_ids(evaluation, "recipient")}
    url = f"{SURVEYS}{evaluation.survey.pk}/responses/"
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = api(actors.service_account).post(
            url, {"channel": "api", "answers": answers}, format="json"
        )
    assert response.status_code == 201, response.content
    listed = api(actors.county_admin).get(url).json()["results"]
    assert set(listed[0]) == {"id", "channel", "answers", "submitted_on"}
    assert SurveyResponse.objects.get().entered_by is None  # API responses do not even name the account
    survey = api(actors.county_admin).get(f"{SURVEYS}{evaluation.survey.pk}/").json()
    assert survey["response_count"] == 1


def test_survey_response_with_bad_answers_is_400(regions, actors, api):
    evaluation = make_evaluation(regions.a1)
    answers = {str(i): 9 for i in indicator_ids(evaluation, "recipient")}
    response = api(actors.county_admin).post(
        f"{SURVEYS}{evaluation.survey.pk}/responses/", {"channel": "phone", "answers": answers}, format="json"
    )
    assert response.status_code == 400
    assert not SurveyResponse.objects.exists()


def test_invitations_and_settings_endpoints(regions, actors, api):
    evaluation = make_evaluation(regions.a1)
    response = api(actors.county_admin).post(
        f"{SURVEYS}{evaluation.survey.pk}/invitations/", {"count": 5}, format="json"
    )
    assert response.status_code == 201 and len(response.json()["codes"]) == 5
    response = api(actors.county_admin).post(
        f"{SURVEYS}{evaluation.survey.pk}/settings/", {"population": 80, "min_sample": 12}, format="json"
    )
    assert response.status_code == 200
    assert (response.json()["population"], response.json()["min_sample"]) == (80, 12)


def test_survey_list_query_count(regions, actors, api, django_assert_max_num_queries):
    for _ in range(5):
        make_evaluation(regions.a1)
    # grants, count, page of surveys (+ evaluation, contract, project), recipient questions (+ party)
    with django_assert_max_num_queries(4):
        response = api(actors.county_admin).get(SURVEYS)
    assert response.json()["count"] == 5


def test_responses_list_query_count(regions, actors, api, django_assert_max_num_queries):
    evaluation = make_evaluation(regions.a1)
    answer_all(evaluation, 5, count=6)
    # grants, survey, count, page of responses
    with django_assert_max_num_queries(4):
        response = api(actors.county_admin).get(f"{SURVEYS}{evaluation.survey.pk}/responses/")
    assert response.json()["count"] == 6
