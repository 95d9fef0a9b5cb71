"""Satisfaction surveys: questionnaire from the template, staff/API/public entry, one-time codes, anonymity,
aggregation into the recipients' scores, response rate and the minimum sample."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.test import TestCase

from core.exceptions import Conflict
from evaluation import services
from evaluation.models import Evaluation, Score, SurveyInvitation, SurveyResponse
from evaluation.selectors import evaluation_with_tree, results
from evaluation.services.surveys import CODE_ALPHABET, questions
from tests.factories.evaluation import answer_all, indicator_ids, make_evaluation, ready_to_publish, superuser


def _answers(evaluation, value=5):
    return {str(i): value for i in indicator_ids(evaluation, "recipient")}


def test_questionnaire_is_the_templates_recipient_indicators(regions):
    evaluation = make_evaluation(regions.a1)
    assert [q.pk for q in questions(evaluation.survey)] == indicator_ids(evaluation, "recipient")


def test_an_unanswered_question_saves_nothing(regions):
    evaluation = make_evaluation(regions.a1)
    answers = _answers(evaluation)
    answers.popitem()
    with pytest.raises(ValidationError) as exc:
        services.response_submit(
            actor=superuser(), survey=evaluation.survey, channel="phone", answers=answers
        )
    assert "未回答" in str(exc.value)
    assert not SurveyResponse.objects.exists()


@pytest.mark.parametrize("bad", [0, 6, "很好", None])
def test_answers_outside_1_to_5_save_nothing(regions, bad):
    evaluation = make_evaluation(regions.a1)
    answers = _answers(evaluation)
    answers[next(iter(answers))] = bad
    with pytest.raises(ValidationError):
        services.response_submit(
            actor=superuser(), survey=evaluation.survey, channel="window", answers=answers
        )
    assert not SurveyResponse.objects.exists()


def test_a_question_of_another_survey_is_refused(regions):
    evaluation = make_evaluation(regions.a1)
    answers = _answers(evaluation)
    answers["999999"] = 5
    with pytest.raises(ValidationError):
        services.response_submit(
            actor=superuser(), survey=evaluation.survey, channel="window", answers=answers
        )


def test_staff_cannot_pretend_a_response_came_through_the_public_page(regions):
    evaluation = make_evaluation(regions.a1)
    with pytest.raises(ValidationError):
        services.response_submit(
            actor=superuser(), survey=evaluation.survey, channel="public_link", answers=_answers(evaluation)
        )


def test_aggregation_turns_answers_into_recipient_scores(regions):
    evaluation = make_evaluation(regions.a1)
    answer_all(evaluation, 5)
    answer_all(evaluation, 4)
    answer_all(evaluation, 2)
    scores = Score.objects.filter(evaluation=evaluation, from_survey=True)
    assert scores.count() == 3
    assert set(scores.values_list("value", flat=True)) == {D("66.67")}  # (100 + 75 + 25) / 3
    evaluation.survey.refresh_from_db()
    assert evaluation.survey.response_count == 3


def test_aggregation_is_idempotent(regions):
    evaluation = make_evaluation(regions.a1)
    answer_all(evaluation, 4, count=2)
    first = list(Score.objects.values_list("indicator_id", "value"))
    services.survey_aggregate(survey_id=evaluation.survey.pk)
    services.survey_aggregate(survey_id=evaluation.survey.pk)
    assert list(Score.objects.values_list("indicator_id", "value")) == first


def test_satisfaction_does_not_count_below_the_minimum_sample(regions):
    evaluation = make_evaluation(regions.a1)  # minimum 3
    answer_all(evaluation, 5, count=2)
    result = results(evaluation_with_tree(Evaluation.objects.filter(pk=evaluation.pk)).get())
    recipient = result.parties[0]
    assert recipient.party == "recipient" and recipient.missing == 0
    assert not recipient.counts and recipient.score is None and result.total is None
    answer_all(evaluation, 5)
    result = results(evaluation_with_tree(Evaluation.objects.filter(pk=evaluation.pk)).get())
    assert result.parties[0].score == D("100.00")


def test_response_rate_uses_the_population(regions):
    evaluation = make_evaluation(regions.a1, population=8)
    answer_all(evaluation, 3, count=2)
    result = results(evaluation_with_tree(Evaluation.objects.filter(pk=evaluation.pk)).get())
    assert result.rate == D("25.00")


def test_the_minimum_sample_is_configurable_per_survey(regions):
    evaluation = make_evaluation(regions.a1)
    services.survey_update(actor=superuser(), survey=evaluation.survey, population=50, min_sample=10)
    evaluation.survey.refresh_from_db()
    assert (evaluation.survey.population, evaluation.survey.min_sample) == (50, 10)
    with pytest.raises(ValidationError):
        services.survey_update(actor=superuser(), survey=evaluation.survey, population=50, min_sample=0)


# --- one-time codes and the public page ---


def test_invitation_codes_are_unique_and_readable(regions):
    evaluation = make_evaluation(regions.a1)
    made = services.invitations_issue(actor=superuser(), survey=evaluation.survey, count=50)
    codes = [i.code for i in made]
    assert len(set(codes)) == 50 == SurveyInvitation.objects.count()
    assert all(set(c) <= set(CODE_ALPHABET) and len(c) == 8 for c in codes)


@pytest.mark.parametrize("count", [0, 501, "3"])
def test_invitation_count_is_bounded(regions, count):
    evaluation = make_evaluation(regions.a1)
    with pytest.raises(ValidationError):
        services.invitations_issue(actor=superuser(), survey=evaluation.survey, count=count)


def test_a_code_is_spent_by_its_first_response(regions):
    evaluation = make_evaluation(regions.a1)
    code = services.invitations_issue(actor=superuser(), survey=evaluation.survey, count=1)[0].code
    with TestCase.captureOnCommitCallbacks(execute=True):
        services.response_submit_public(code=code.lower(), answers=_answers(evaluation, 4))
    with pytest.raises(ValidationError):
        services.response_submit_public(code=code, answers=_answers(evaluation, 1))
    assert SurveyResponse.objects.count() == 1
    evaluation.survey.refresh_from_db()
    assert evaluation.survey.response_count == 1


def test_an_unknown_code_is_refused(regions):
    evaluation = make_evaluation(regions.a1)
    with pytest.raises(ValidationError):
        services.response_submit_public(code="ZZZZZZZZ", answers=_answers(evaluation))


def test_responses_are_anonymous(regions):
    """Nothing stored with a response identifies the recipient or the code that was used."""
    evaluation = make_evaluation(regions.a1)
    invitation = services.invitations_issue(actor=superuser(), survey=evaluation.survey, count=1)[0]
    response = services.response_submit_public(code=invitation.code, answers=_answers(evaluation))
    fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert fields == {"id", "survey", "channel", "answers", "submitted_on", "entered_by"}
    assert response.entered_by is None
    assert not {f.name for f in SurveyInvitation._meta.get_fields()} & {"response", "submitted_on", "used_at"}


def test_no_response_after_publication(regions):
    evaluation = ready_to_publish(make_evaluation(regions.a1))
    code = services.invitations_issue(actor=superuser(), survey=evaluation.survey, count=1)[0].code
    services.evaluation_publish(actor=superuser(), evaluation=evaluation)
    with pytest.raises(Conflict):
        services.response_submit(
            actor=superuser(), survey=evaluation.survey, channel="phone", answers=_answers(evaluation)
        )
    with pytest.raises(ValidationError):
        services.response_submit_public(code=code, answers=_answers(evaluation))
