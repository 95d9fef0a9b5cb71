"""Writes for satisfaction surveys (粤民发〔2018〕170号 一(六): 要侧重服务对象对救助服务的满意度评价).

Responses come from staff (window, phone, home visit), from the REST API (a provincial app), or from the public
survey page with a one-time code. They are anonymous: no identity of the recipient is stored, and a code records
only that it was used, never which response it produced. Each change queues the survey's aggregation.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from core.tasks import dispatch_on_commit
from regions import access
from regions.audit import set_actor
from regions.choices import ACTING_ROLES, INTAKE_ROLES

from .. import tasks
from ..choices import STAFF_CHANNELS, EvaluationStatus, Party, ResponseChannel, SurveyStatus
from ..models import Score, Survey, SurveyInvitation, SurveyResponse, TemplateIndicator
from ..rules import answer_error, satisfaction_scores

#: no 0/O, 1/I/L: a code is read aloud on the phone or typed from a slip of paper
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 8
MAX_INVITATIONS = 500


def questions(survey: Survey) -> list[TemplateIndicator]:
    """The questionnaire: the template's recipient indicators, in order."""
    return list(
        TemplateIndicator.objects.filter(
            party__template_id=survey.evaluation.template_id, party__party=Party.RECIPIENT
        ).order_by("position", "id")
    )


def _clean_answers(survey: Survey, answers) -> dict[str, int]:
    if not isinstance(answers, dict) or not answers:
        raise ValidationError({"answers": _("须回答全部问题")})
    keys = {str(q.pk): q for q in questions(survey)}
    errors = []
    unknown = [k for k in answers if str(k) not in keys]
    if unknown:
        errors.append(_("问题 {value} 不属于本问卷").format(value=", ".join(map(str, unknown))))
    missing = [q.name for k, q in keys.items() if k not in {str(a) for a in answers}]
    if missing:
        errors.append(_("未回答：{value}").format(value="；".join(missing)))
    clean = {}
    for key, value in answers.items():
        if str(key) in keys:
            if message := answer_error(value):
                errors.append(f"{keys[str(key)].name}：{message}")
            else:
                clean[str(key)] = int(value)
    if errors:
        raise ValidationError({"answers": errors})
    return clean


def _open_survey(survey_id: int) -> Survey:
    survey = Survey.objects.select_for_update().select_related("evaluation").get(pk=survey_id)
    if survey.status != SurveyStatus.OPEN or survey.evaluation.status != EvaluationStatus.IN_PROGRESS:
        raise Conflict(_("满意度调查已结束"), code="survey_closed")
    return survey


def _queue_aggregation(survey_id: int) -> None:
    dispatch_on_commit(tasks.survey_aggregate_task, survey_id)


def response_submit(*, actor, survey: Survey, channel: str, answers: dict) -> SurveyResponse:
    """Record one questionnaire entered by staff (window, phone, home visit) or sent through the API.

    Every question must be answered 1–5. No recipient identity is taken."""
    if channel not in ResponseChannel.values or channel == ResponseChannel.PUBLIC_LINK:
        raise ValidationError({"channel": _("渠道须为窗口、电话、入户或接口")})
    # a provincial system's account may send responses through the API channel only (domain.md 8)
    access.require_role(
        actor, survey.evaluation.region.code, INTAKE_ROLES if channel == ResponseChannel.API else ACTING_ROLES
    )
    clean = _clean_answers(survey, answers)
    with transaction.atomic(), set_actor(actor):
        _open_survey(survey.pk)
        response = SurveyResponse.objects.create(
            survey=survey,
            channel=channel,
            answers=clean,
            submitted_on=timezone.localdate(),
            entered_by=actor if channel in STAFF_CHANNELS else None,
        )
        _queue_aggregation(survey.pk)
    return response


def invitation_find(code: str) -> SurveyInvitation | None:
    """The unused invitation for a code typed on the public page (case and spaces ignored), or None."""
    code = "".join((code or "").split()).upper()
    if not code:
        return None
    return (
        SurveyInvitation.objects.select_related("survey__evaluation__contract__project")
        .filter(code=code, used=False, survey__status=SurveyStatus.OPEN)
        .first()
    )


def response_submit_public(*, code: str, answers: dict) -> SurveyResponse:
    """A recipient answers on the public page with a one-time code. The code is spent in the same transaction
    (a conditional update, so two submissions with one code cannot both count)."""
    invitation = invitation_find(code)
    if invitation is None:
        raise ValidationError({"code": _("问卷码无效或已使用")})
    survey = invitation.survey
    clean = _clean_answers(survey, answers)
    with transaction.atomic():
        _open_survey(survey.pk)
        if not SurveyInvitation.objects.filter(pk=invitation.pk, used=False).update(used=True):
            raise Conflict(_("问卷码已使用"), code="code_used")
        response = SurveyResponse.objects.create(
            survey=survey,
            channel=ResponseChannel.PUBLIC_LINK,
            answers=clean,
            submitted_on=timezone.localdate(),
        )
        _queue_aggregation(survey.pk)
    return response


def invitations_issue(*, actor, survey: Survey, count: int) -> list[SurveyInvitation]:
    """Issue `count` one-time codes (1–500) to hand or send to recipients for the public survey page."""
    access.require_role(actor, survey.evaluation.region.code)
    if not isinstance(count, int) or isinstance(count, bool) or not 1 <= count <= MAX_INVITATIONS:
        raise ValidationError(
            {"count": _("数量须在1到{MAX_INVITATIONS}之间").format(MAX_INVITATIONS=MAX_INVITATIONS)}
        )
    with transaction.atomic(), set_actor(actor):
        _open_survey(survey.pk)
        existing: set[str] = set()
        made: list[SurveyInvitation] = []
        while len(made) < count:
            batch = {"".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH)) for _ in range(count)}
            batch -= existing | set(
                SurveyInvitation.objects.filter(code__in=batch).values_list("code", flat=True)
            )
            for code in list(batch)[: count - len(made)]:
                made.append(SurveyInvitation(survey=survey, code=code))
                existing.add(code)
        SurveyInvitation.objects.bulk_create(made)
    return made


@transaction.atomic
def survey_update(*, actor, survey: Survey, population: int | None, min_sample: int) -> Survey:
    """Change the recipients served (for the response rate) and the minimum sample before satisfaction counts."""
    access.require_role(actor, survey.evaluation.region.code)
    errors = {}
    if population is not None and (not isinstance(population, int) or population < 0):
        errors["population"] = _("服务对象人数须为非负整数")
    if not isinstance(min_sample, int) or isinstance(min_sample, bool) or min_sample < 1:
        errors["min_sample"] = _("最低样本量须为正整数")
    if errors:
        raise ValidationError(errors)
    locked = _open_survey(survey.pk)
    with set_actor(actor):
        locked.population, locked.min_sample = population, min_sample
        locked.save(update_fields=["population", "min_sample"])
    return locked


def survey_aggregate(*, survey_id: int) -> Survey:
    """Recompute the recipients' indicator scores (mean of the answers, 0–100) and the response count from all
    responses. Idempotent: run it twice and nothing changes. Skipped once the evaluation is no longer in progress."""
    with transaction.atomic():
        survey = Survey.objects.select_for_update().select_related("evaluation").get(pk=survey_id)
        if survey.evaluation.status != EvaluationStatus.IN_PROGRESS:
            return survey
        keys = [str(q.pk) for q in questions(survey)]
        answers = list(survey.responses.values_list("answers", flat=True))
        scores = satisfaction_scores(answers, keys)
        for key in keys:
            if key in scores:
                Score.objects.update_or_create(
                    evaluation_id=survey.evaluation_id,
                    indicator_id=int(key),
                    defaults={"value": scores[key], "from_survey": True, "entered_by": None, "comment": ""},
                )
            else:
                Score.objects.filter(evaluation_id=survey.evaluation_id, indicator_id=int(key)).delete()
        survey.response_count = len(answers)
        survey.aggregated_at = timezone.now()
        survey.save(update_fields=["response_count", "aggregated_at"])
    return survey
