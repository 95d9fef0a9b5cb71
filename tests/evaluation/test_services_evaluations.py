"""Evaluation services: per contract, the third-party evaluator, scores, publication, rectification, sanctions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from core.exceptions import Conflict
from evaluation import selectors, services
from evaluation.models import Evaluation, Rectification, Score, Survey
from procurement.models import Sanction
from tests.factories.evaluation import (
    answer_all,
    credit_code,
    indicator_ids,
    make_contract,
    make_evaluation,
    make_template,
    ready_to_publish,
    score_all,
    superuser,
)

TODAY = dt.date(2027, 1, 10)


def test_create_opens_the_survey_with_the_templates_minimum_and_the_contracts_recipients(regions, actors):
    contract = make_contract(regions.a1, recipients=120)
    template = make_template(regions.county_a, min_sample=25)
    evaluation = services.evaluation_create(
        actor=actors.township_a1, contract=contract, period="合同期满", template=template
    )
    assert evaluation.region == regions.a1
    assert evaluation.due_date == contract.end_date
    assert (evaluation.survey.min_sample, evaluation.survey.population) == (25, 120)


def test_create_picks_the_most_local_template(regions, actors):
    county = make_template(regions.county_a, name="天河区模板")
    make_template(regions.city, name="广州市模板")
    evaluation = services.evaluation_create(
        actor=actors.county_admin, contract=make_contract(regions.a1), period="x"
    )
    assert evaluation.template == county


def test_create_falls_back_to_the_default_template(regions, actors):
    evaluation = services.evaluation_create(
        actor=actors.county_admin, contract=make_contract(regions.a1), period="x"
    )
    assert evaluation.template.is_default


def test_a_contract_not_yet_started_cannot_be_evaluated(regions, actors):
    with pytest.raises(ValidationError) as exc:
        services.evaluation_create(
            actor=actors.county_admin, contract=make_contract(regions.a1, status="signed"), period="x"
        )
    assert "contract" in exc.value.message_dict
    assert not Evaluation.objects.exists()


def test_one_evaluation_per_contract_and_period(regions, actors):
    contract = make_contract(regions.a1)
    services.evaluation_create(actor=actors.county_admin, contract=contract, period="2026年度")
    with pytest.raises(ValidationError):
        services.evaluation_create(actor=actors.county_admin, contract=contract, period="2026年度")
    assert Evaluation.objects.count() == 1 and Survey.objects.count() == 1


def test_create_out_of_scope_is_404_and_viewer_is_403(regions, actors):
    with pytest.raises(Http404):
        services.evaluation_create(actor=actors.township_a2, contract=make_contract(regions.a1), period="x")
    with pytest.raises(PermissionDenied):
        services.evaluation_create(actor=actors.city_viewer, contract=make_contract(regions.a1), period="x")


# --- the third-party evaluator ---


def test_evaluator_with_the_contractors_own_credit_code_is_refused(regions):
    evaluation = make_evaluation(regions.a1)
    with pytest.raises(ValidationError) as exc:
        services.evaluation_assign_evaluator(
            actor=superuser(),
            evaluation=evaluation,
            name="同一家",
            credit_code=evaluation.contract.contractor.credit_code.lower(),
        )
    assert "第三方评价机构不能是承接主体本身" in str(exc.value)
    evaluation.refresh_from_db()
    assert evaluation.evaluator_credit_code == ""


def test_evaluator_declaring_a_relation_with_the_contractor_is_refused(regions):
    evaluation = make_evaluation(regions.a1)
    with pytest.raises(ValidationError) as exc:
        services.evaluation_assign_evaluator(
            actor=superuser(),
            evaluation=evaluation,
            name="关联机构",
            credit_code=credit_code(prefix="12"),
            declared_codes=[credit_code(prefix="91"), evaluation.contract.contractor.credit_code],
        )
    assert "第三方评价机构已声明与承接主体存在关联关系，不能承担本次评价" in str(exc.value)
    evaluation.refresh_from_db()
    assert evaluation.evaluator_name == ""


def test_evaluator_with_an_invalid_credit_code_is_refused(regions):
    evaluation = make_evaluation(regions.a1)
    with pytest.raises(ValidationError) as exc:
        services.evaluation_assign_evaluator(
            actor=superuser(), evaluation=evaluation, name="x", credit_code="91440101MA59XXXX1A"
        )
    assert "credit_code" in exc.value.message_dict


def test_an_independent_evaluator_is_assigned(regions):
    evaluation = make_evaluation(regions.a1)
    code = credit_code(prefix="12")
    services.evaluation_assign_evaluator(
        actor=superuser(),
        evaluation=evaluation,
        name="评估院",
        credit_code=code,
        declared_codes=[credit_code()],
    )
    evaluation.refresh_from_db()
    assert evaluation.evaluator_credit_code == code


# --- scores ---


def test_one_score_out_of_range_saves_nothing(regions):
    evaluation = make_evaluation(regions.a1)
    ids = indicator_ids(evaluation, "purchaser")
    with pytest.raises(ValidationError) as exc:
        services.score_enter(
            actor=superuser(),
            evaluation=evaluation,
            party="purchaser",
            scores=[{"indicator": ids[0], "value": "80"}, {"indicator": ids[1], "value": "100.5"}],
        )
    assert "评分须在0到100之间，收到" in str(exc.value)
    assert not Score.objects.exists()


def test_negative_scores_are_refused(regions):
    evaluation = make_evaluation(regions.a1)
    with pytest.raises(ValidationError):
        score_all(evaluation, "purchaser", "-1")


def test_recipient_scores_cannot_be_entered_directly(regions):
    evaluation = make_evaluation(regions.a1)
    with pytest.raises(ValidationError) as exc:
        score_all(evaluation, "recipient", "100")
    assert "服务对象的得分由满意度调查汇总" in str(exc.value)


def test_an_indicator_of_another_party_is_refused(regions):
    evaluation = make_evaluation(regions.a1)
    other = indicator_ids(evaluation, "third_party")[0]
    with pytest.raises(ValidationError):
        services.score_enter(
            actor=superuser(),
            evaluation=evaluation,
            party="purchaser",
            scores=[{"indicator": other, "value": "1"}],
        )


def test_third_party_scores_need_an_assigned_evaluator(regions):
    evaluation = make_evaluation(regions.a1)
    with pytest.raises(ValidationError) as exc:
        score_all(evaluation, "third_party", "80")
    assert "尚未指定第三方评价机构" in str(exc.value)
    assert not Score.objects.exists()


def test_scores_can_be_corrected_before_publication(regions):
    evaluation = make_evaluation(regions.a1)
    score_all(evaluation, "purchaser", "70")
    score_all(evaluation, "purchaser", "71.5")
    assert set(Score.objects.values_list("value", flat=True)) == {D("71.5")}


# --- publication ---


def test_publishing_before_all_parties_scored_is_refused_and_nothing_changes(regions):
    evaluation = make_evaluation(regions.a1)
    score_all(evaluation, "purchaser", "80")
    answer_all(evaluation, 5, count=3)
    with pytest.raises(ValidationError) as exc:
        services.evaluation_publish(actor=superuser(), evaluation=evaluation)
    text = str(exc.value)
    assert (
        "尚未指定第三方评价机构" in text and "第三方尚有3项指标未评分" in text and "third_party" not in text
    )
    evaluation.refresh_from_db()
    assert evaluation.status == "in_progress" and evaluation.total is None


def test_publishing_below_the_minimum_sample_is_refused(regions):
    evaluation = make_evaluation(regions.a1)
    services.evaluation_assign_evaluator(
        actor=superuser(), evaluation=evaluation, name="评估院", credit_code=credit_code(prefix="12")
    )
    score_all(evaluation, "purchaser", "80")
    score_all(evaluation, "third_party", "80")
    answer_all(evaluation, 5, count=2)  # the test template's minimum is 3
    with pytest.raises(ValidationError) as exc:
        services.evaluation_publish(actor=superuser(), evaluation=evaluation)
    assert "少于最低样本量3份" in str(exc.value)
    assert Evaluation.objects.get(pk=evaluation.pk).status == "in_progress"


def test_publication_fixes_the_weighted_total_and_grade(regions):
    # recipients 100 × 50% + purchaser 90 × 25% + third party 70 × 25% = 90 → 优秀
    evaluation = ready_to_publish(make_evaluation(regions.a1), recipient=5, purchaser="90", third_party="70")
    services.evaluation_publish(actor=superuser(), evaluation=evaluation, today=TODAY)
    evaluation.refresh_from_db()
    assert (evaluation.status, evaluation.total, evaluation.grade) == ("published", D("90.00"), "excellent")
    assert evaluation.published_on == TODAY
    assert evaluation.survey.status == "closed"


@pytest.mark.parametrize(
    ("purchaser", "total", "grade"),
    [
        # recipients 75 (all 满意) × 50% = 37.5; third party 45 × 25% = 11.25
        ("45", D("60.00"), "pass"),  # 37.5 + 11.25 + 11.25 = 60 exactly
        (
            "44.98",
            D("60.00"),
            "fail",
        ),  # 37.5 + 11.245 + 11.25 = 59.995: shown as 60.00, graded on the exact total
        ("44.96", D("59.99"), "fail"),  # 37.5 + 11.24 + 11.25 = 59.99
    ],
)
def test_grade_edge_around_60_through_the_whole_flow_is_decided_on_the_exact_total(
    regions, purchaser, total, grade
):
    evaluation = ready_to_publish(
        make_evaluation(regions.a1), recipient=4, purchaser=purchaser, third_party="45"
    )
    result = selectors.results(evaluation)
    assert result.rounded_up_across_a_grade == (purchaser == "44.98")
    services.evaluation_publish(
        actor=superuser(),
        evaluation=evaluation,
        rectification_requirements="补齐服务档案",
        rectification_deadline=TODAY + dt.timedelta(days=30),
        today=TODAY,
    )
    evaluation.refresh_from_db()
    assert (evaluation.total, evaluation.grade) == (total, grade)
    assert Rectification.objects.filter(evaluation=evaluation).exists() == (grade == "fail")


def test_a_fail_without_rectification_is_refused(regions):
    evaluation = ready_to_publish(make_evaluation(regions.a1), recipient=2, purchaser="40", third_party="40")
    with pytest.raises(ValidationError) as exc:
        services.evaluation_publish(actor=superuser(), evaluation=evaluation, today=TODAY)
    assert set(exc.value.message_dict) == {"rectification_requirements", "rectification_deadline"}
    assert Evaluation.objects.get(pk=evaluation.pk).status == "in_progress"


def test_a_fail_with_a_past_deadline_is_refused(regions):
    evaluation = ready_to_publish(make_evaluation(regions.a1), recipient=1, purchaser="40", third_party="40")
    with pytest.raises(ValidationError):
        services.evaluation_publish(
            actor=superuser(),
            evaluation=evaluation,
            rectification_requirements="整改",
            rectification_deadline=TODAY,
            today=TODAY,
        )
    assert not Rectification.objects.exists()


def test_publishing_twice_is_a_conflict(regions):
    evaluation = ready_to_publish(make_evaluation(regions.a1))
    services.evaluation_publish(actor=superuser(), evaluation=evaluation)
    with pytest.raises(Conflict):
        services.evaluation_publish(actor=superuser(), evaluation=evaluation)
    with pytest.raises(Conflict):
        score_all(evaluation, "purchaser", "10")


def test_rectification_is_completed_once(regions):
    evaluation = ready_to_publish(make_evaluation(regions.a1), recipient=1, purchaser="40", third_party="40")
    services.evaluation_publish(
        actor=superuser(),
        evaluation=evaluation,
        rectification_requirements="整改",
        rectification_deadline=TODAY + dt.timedelta(days=10),
        today=TODAY,
    )
    rectification = Rectification.objects.get()
    services.rectification_complete(actor=superuser(), rectification=rectification, outcome="已补齐档案")
    with pytest.raises(Conflict):
        services.rectification_complete(actor=superuser(), rectification=rectification, outcome="again")


def test_serious_findings_open_a_sanction_in_procurement_once(regions, actors):
    evaluation = make_evaluation(regions.a1)
    sanction = services.evaluation_refer_sanction(
        actor=actors.county_admin,
        evaluation=evaluation,
        kind="fraud",
        reason="虚报服务人次",
        debar_from=dt.date(2027, 1, 1),
        debar_to=dt.date(2027, 12, 31),
    )
    assert Sanction.objects.get() == sanction
    assert sanction.contractor == evaluation.contract.contractor and sanction.contract == evaluation.contract
    evaluation.refresh_from_db()
    assert evaluation.sanction_id == sanction.pk
    with pytest.raises(Conflict):
        services.evaluation_refer_sanction(
            actor=actors.county_admin, evaluation=evaluation, kind="fraud", reason="x"
        )


def test_cancel_needs_a_reason_and_closes_the_evaluation(regions):
    evaluation = make_evaluation(regions.a1)
    with pytest.raises(ValidationError):
        services.evaluation_cancel(actor=superuser(), evaluation=evaluation, reason=" ")
    services.evaluation_cancel(actor=superuser(), evaluation=evaluation, reason="合同选错")
    with pytest.raises(Conflict):
        score_all(evaluation, "purchaser", "10")


def test_publishing_completes_the_projects_evaluation_stage_with_an_event(regions):
    evaluation = ready_to_publish(make_evaluation(regions.a1))
    services.evaluation_publish(actor=superuser(), evaluation=evaluation)
    project = evaluation.contract.project
    project.refresh_from_db()
    assert project.status == "evaluated"
    assert project.events.filter(action="evaluate").exists()


def test_publishing_leaves_a_project_already_past_evaluation_alone(regions):
    evaluation = ready_to_publish(make_evaluation(regions.a1))
    project = evaluation.contract.project
    type(project).objects.filter(pk=project.pk).update(status="closed")
    services.evaluation_publish(actor=superuser(), evaluation=evaluation)
    project.refresh_from_db()
    assert project.status == "closed"
