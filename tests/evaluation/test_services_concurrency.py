"""Two people acting on one evaluation or one survey code at the same moment cannot both win (PostgreSQL)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.exceptions import Conflict
from evaluation import services
from evaluation.models import Evaluation, SurveyResponse
from tests.concurrency import run_at_once
from tests.factories.evaluation import indicator_ids, make_evaluation, ready_to_publish, superuser

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_publishers_one_wins_the_other_gets_a_conflict(regions):
    evaluation = ready_to_publish(make_evaluation(regions.a1))
    results = run_at_once(
        [lambda: services.evaluation_publish(actor=superuser(), evaluation=evaluation) for _ in range(2)]
    )
    assert sum(isinstance(r, Evaluation) for r in results) == 1
    assert sum(isinstance(r, Conflict) for r in results) == 1


def test_one_code_used_twice_at_once_counts_once(regions):
    evaluation = make_evaluation(regions.a1)
    code = services.invitations_issue(actor=superuser(), survey=evaluation.survey, count=1)[0].code
    answers = {str(i): 5 for i in indicator_ids(evaluation, "recipient")}
    results = run_at_once(
        [lambda: services.response_submit_public(code=code, answers=answers) for _ in range(3)]
    )
    assert sum(isinstance(r, SurveyResponse) for r in results) == 1
    assert all(isinstance(r, (SurveyResponse, Conflict, ValidationError)) for r in results), results
    assert SurveyResponse.objects.count() == 1
