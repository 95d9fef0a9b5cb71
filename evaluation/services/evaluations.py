"""Writes for evaluations: create per contract, assign the third-party evaluator, enter scores, publish (with the
rectification a fail requires), refer serious findings to procurement's sanctions (粤民发〔2018〕170号 一(六), 一(七))."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from core.workflow import next_state
from procurement.services import contractor_result_record, project_mark_evaluated_if_due, sanction_open
from regions import access
from regions.audit import set_actor
from regions.rules import credit_code_error, normalise_credit_code

from .. import selectors
from ..choices import EvaluationStatus, Grade, Party, RectificationStatus, SurveyStatus
from ..models import Evaluation, EvaluationTemplate, Rectification, Score, Survey
from ..rules import EVALUATION_TRANSITIONS, evaluator_conflict, score_error

#: contracts whose service has begun can be evaluated (a merely signed one has delivered nothing yet)
EVALUABLE_CONTRACT_STATUSES = ("active", "suspended", "completed", "terminated")


def _contract_categories(contract) -> list[str]:
    return [item.name for item in contract.project.items.all()]


def _population(contract) -> int | None:
    """Recipients served by the contract, from its service obligations (for the survey's response rate)."""
    total = sum(o.recipients for o in contract.obligations.all())
    return total or None


def evaluation_create(
    *,
    actor,
    contract,
    period: str,
    template: EvaluationTemplate | None = None,
    due_date: dt.date | None = None,
    population: int | None = None,
) -> Evaluation:
    """Open the evaluation of `contract` for `period`, with its satisfaction survey. The template defaults to the
    one that applies to the purchaser's region and the project's service category; the due date to the contract's
    end (evaluations are due at contract end). One evaluation per contract and period."""
    region = contract.project.purchaser
    access.require_role(actor, region.code)
    errors: dict[str, str] = {}
    period = (period or "").strip()
    if not period:
        errors["period"] = _("须填写评价期，如“2026年度”")
    if contract.status not in EVALUABLE_CONTRACT_STATUSES:
        errors["contract"] = _("合同尚未开始履行，不能评价")
    if template is None:
        template = selectors.template_for(region_code=region.code, categories=_contract_categories(contract))
        if template is None:
            errors["template"] = _("没有适用的评价模板")
    elif not template.active or (template.region and not region.code.startswith(template.region.code)):
        errors["template"] = _("该模板未启用或不适用于此购买主体")
    if population is not None and population < 0:
        errors["population"] = _("服务对象人数不能为负")
    if period and Evaluation.objects.filter(contract=contract, period=period).exists():
        errors["period"] = _("该合同已有“{period}”的评价").format(period=period)
    if errors or template is None:
        raise ValidationError(errors)
    evaluation = Evaluation(
        contract=contract,
        region=region,
        template=template,
        period=period,
        due_date=due_date or contract.end_date,
        created_by=actor,
    )
    evaluation.full_clean(validate_constraints=False)
    try:
        with transaction.atomic(), set_actor(actor):
            evaluation.save()
            Survey.objects.create(
                evaluation=evaluation,
                min_sample=template.min_sample,
                population=population if population is not None else _population(contract),
            )
    except IntegrityError:
        raise Conflict(_("该合同的此评价期刚被他人创建"), code="duplicate") from None
    return evaluation


def _lock(evaluation: Evaluation) -> Evaluation:
    """The evaluation re-read under a row lock, so score entry and publication are serialised."""
    locked = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if locked.status != EvaluationStatus.IN_PROGRESS:
        raise Conflict(
            _("评价已{status}，不能再修改").format(status=locked.get_status_display()),
            code="not_in_progress",
        )
    return locked


@transaction.atomic
def evaluation_assign_evaluator(
    *, actor, evaluation: Evaluation, name: str, credit_code: str, declared_codes: list[str] | None = None
) -> Evaluation:
    """Assign the third-party evaluator (an organisation with its unified social credit code). Refused when it is
    the contractor itself or has declared a relation with it (粤民发〔2018〕170号 一(六))."""
    access.require_role(actor, evaluation.region.code)
    errors: dict[str, str] = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("须填写第三方评价机构名称")
    code = normalise_credit_code(credit_code)
    if message := credit_code_error(code):
        errors["credit_code"] = message
    declared = [normalise_credit_code(c) for c in (declared_codes or []) if (c or "").strip()]
    for c in declared:
        if message := credit_code_error(c):
            errors["declared_codes"] = f"{c}: {message}"
            break
    if not errors:
        contractor = evaluation.contract.contractor
        if message := evaluator_conflict(code, contractor.credit_code, declared):
            errors["credit_code"] = message
    if errors:
        raise ValidationError(errors)
    locked = _lock(evaluation)
    with set_actor(actor):
        locked.evaluator_name, locked.evaluator_credit_code, locked.evaluator_declared_codes = (
            name,
            code,
            declared,
        )
        locked.save(update_fields=["evaluator_name", "evaluator_credit_code", "evaluator_declared_codes"])
    return locked


def score_enter(*, actor, evaluation: Evaluation, party: str, scores: list[dict]) -> list[Score]:
    """Enter (or correct) a party's scores, 0–100 per indicator: `scores` = [{"indicator": id, "value": …,
    "comment": …}]. The purchaser and the third party score here; the recipients' scores come only from the survey.
    All rows are checked first; one bad row and nothing is saved."""
    access.require_role(actor, evaluation.region.code)
    if party == Party.RECIPIENT:
        raise ValidationError({"party": _("服务对象的得分由满意度调查汇总，不能直接录入")})
    if party not in Party.values:
        raise ValidationError({"party": _("评价方 {party!r} 无效").format(party=party)})
    if not isinstance(scores, list) or not scores:
        raise ValidationError({"scores": _("须至少录入一项指标得分")})
    indicators = {i.pk: i for i in evaluation.template.parties.get(party=party).indicators.all()}
    errors: list[str] = []
    clean: dict[int, tuple[Decimal, str]] = {}
    for n, row in enumerate(scores, start=1):
        try:
            indicator_id = int(row.get("indicator"))  # type: ignore[arg-type]  # None → TypeError below
        except (TypeError, ValueError, AttributeError):
            errors.append(_("第{n}行：指标无效").format(n=n))
            continue
        if indicator_id not in indicators:
            errors.append(
                _("第{n}行：指标 {indicator_id} 不属于{label}").format(
                    n=n, indicator_id=indicator_id, label=Party(party).label
                )
            )
            continue
        if indicator_id in clean:
            errors.append(_("第{n}行：指标 {indicator_id} 重复").format(n=n, indicator_id=indicator_id))
            continue
        if message := score_error(row.get("value")):
            errors.append(f"第{n}行（{indicators[indicator_id].name}）：{message}")
            continue
        comment = str(row.get("comment") or "")[:500]
        clean[indicator_id] = (Decimal(str(row.get("value"))), comment)
    if errors:
        raise ValidationError({"scores": errors})
    with transaction.atomic(), set_actor(actor):
        locked = _lock(evaluation)
        if party == Party.THIRD_PARTY and not locked.evaluator_credit_code:
            raise ValidationError({"party": _("尚未指定第三方评价机构")})
        saved = []
        for indicator_id, (value, comment) in clean.items():
            score, _created = Score.objects.update_or_create(
                evaluation=locked,
                indicator_id=indicator_id,
                defaults={"value": value, "comment": comment, "entered_by": actor, "from_survey": False},
            )
            saved.append(score)
    return saved


def evaluation_publish(
    *,
    actor,
    evaluation: Evaluation,
    summary: str = "",
    rectification_requirements: str = "",
    rectification_deadline: dt.date | None = None,
    today: dt.date | None = None,
) -> Evaluation:
    """Publish the result: every party has scored every indicator, a third-party evaluator is assigned and the
    survey reached its minimum sample; the weighted total and the grade are fixed. A fail (不合格) requires a
    rectification record with a deadline in the same step (粤民发〔2018〕170号 一(六)). Otherwise nothing changes."""
    access.require_role(actor, evaluation.region.code)
    today = today or timezone.localdate()
    with transaction.atomic(), set_actor(actor):
        _lock(evaluation)
        fresh = selectors.evaluation_with_tree(Evaluation.objects.filter(pk=evaluation.pk)).get()
        result = selectors.results(fresh)
        if blockers := result.blockers:
            raise ValidationError({"non_field_errors": blockers})
        grade = result.grade
        requirements = (rectification_requirements or "").strip()
        if grade == Grade.FAIL:
            errors = {}
            if not requirements:
                errors["rectification_requirements"] = _("评价不合格，须同时填写整改要求")
            if rectification_deadline is None or rectification_deadline <= today:
                errors["rectification_deadline"] = _("评价不合格，须填写晚于今天的整改期限")
            if errors:
                raise ValidationError(errors)
        # the row is locked (select_for_update above): a plain save cannot race another publisher
        fresh.status = next_state(EVALUATION_TRANSITIONS, fresh.status, "publish", labels=EvaluationStatus)
        fresh.total, fresh.grade = result.total, grade
        fresh.published_on, fresh.published_by = today, actor
        fresh.summary = (summary or "").strip()
        fresh.save(update_fields=["status", "total", "grade", "published_on", "published_by", "summary"])
        Survey.objects.filter(evaluation=fresh).update(status=SurveyStatus.CLOSED)
        if grade == Grade.FAIL:
            rectification = Rectification(
                evaluation=fresh,
                requirements=requirements,
                deadline=rectification_deadline,  # type: ignore[misc]  # checked above for a fail
            )
            rectification.full_clean()
            rectification.save()
        _record_result(fresh)
        _advance_project(actor, fresh)
    return fresh


def _record_result(evaluation: Evaluation) -> None:
    """Push the published result to procurement, where it is shown beside the contractor's later bids
    (粤民发〔2018〕170号 一(六): results are a reference when choosing contractors in later years)."""
    contractor_result_record(
        contract=evaluation.contract,
        period=evaluation.period,
        grade=str(Grade(evaluation.grade).label),
        failed=evaluation.grade == Grade.FAIL,
        score=evaluation.total,  # type: ignore[arg-type]  # set by publishing
        published_on=evaluation.published_on,  # type: ignore[arg-type]  # set by publishing
        evaluation_ref=evaluation.pk,
        url=reverse("evaluation:public-detail", args=[evaluation.pk]),
    )


def _advance_project(actor, evaluation: Evaluation) -> None:
    """A published evaluation completes the project's evaluation stage (粤民发〔2018〕170号 一(四), the fifth
    stage), through procurement's own service; a project already past that stage is left as it is."""
    project = evaluation.contract.project
    if access.has_role(actor, project.purchaser.code):
        project_mark_evaluated_if_due(
            actor=actor,
            project=project,
            note=f"绩效评价结果公开：{evaluation.total} 分，{Grade(evaluation.grade).label}",
        )


@transaction.atomic
def evaluation_cancel(*, actor, evaluation: Evaluation, reason: str) -> Evaluation:
    """Withdraw an evaluation that is still in progress (e.g. opened on the wrong contract)."""
    access.require_role(actor, evaluation.region.code)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("须说明撤销原因")})
    locked = _lock(evaluation)
    with set_actor(actor):
        locked.status = next_state(EVALUATION_TRANSITIONS, locked.status, "cancel", labels=EvaluationStatus)
        locked.summary = reason.strip()
        locked.save(update_fields=["status", "summary"])
    return locked


@transaction.atomic
def rectification_complete(
    *, actor, rectification: Rectification, outcome: str, completed_on: dt.date | None = None
) -> Rectification:
    """Record that the contractor has rectified, with what was done."""
    access.require_role(actor, rectification.evaluation.region.code)
    if not (outcome or "").strip():
        raise ValidationError({"outcome": _("须填写整改结果")})
    locked = Rectification.objects.select_for_update().get(pk=rectification.pk)
    if locked.status != RectificationStatus.OPEN:
        raise Conflict(_("整改已完成"), code="already_done")
    with set_actor(actor):
        locked.status = RectificationStatus.DONE
        locked.outcome = outcome.strip()
        locked.completed_on = completed_on or timezone.localdate()
        locked.full_clean()
        locked.save()
    return locked


def evaluation_refer_sanction(
    *,
    actor,
    evaluation: Evaluation,
    kind: str,
    reason: str,
    penalty: Decimal | None = None,
    debar_from: dt.date | None = None,
    debar_to: dt.date | None = None,
):
    """Serious findings of an evaluation open a sanction in procurement (粤民发〔2018〕170号 一(七)) through its
    service, so the import arrow stays evaluation → procurement. Once per evaluation."""
    access.require_role(actor, evaluation.region.code)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("须写明严重问题的事实与理由")})
    with transaction.atomic():
        locked = (
            Evaluation.objects.select_for_update()
            .select_related("contract__contractor")
            .get(pk=evaluation.pk)
        )
        if locked.status == EvaluationStatus.CANCELLED:
            raise Conflict(_("评价已撤销"), code="cancelled")
        if locked.sanction_id:
            raise Conflict(_("该评价的严重问题已移送处理"), code="already_referred")
        sanction = sanction_open(
            actor=actor,
            contractor=locked.contract.contractor,
            kind=kind,
            reason=reason.strip(),
            penalty=penalty,
            debar_from=debar_from,
            debar_to=debar_to,
            contract=locked.contract,
        )
        with set_actor(actor):
            locked.serious_findings = reason.strip()
            locked.sanction_id = sanction.pk
            locked.save(update_fields=["serious_findings", "sanction_id"])
    return sanction
