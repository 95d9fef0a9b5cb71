"""Writes for annual plans, planned trainings and sessions (粤民发〔2018〕170号 二(五) 列入年度计划)."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.services import model_update
from core.workflow import apply_transition, next_state
from regions import access
from regions.audit import set_actor
from regions.models import Region

from ..choices import ORGANISER_LEVELS, PlanStatus, SessionStatus
from ..models import PlannedTraining, TrainingPlan, TrainingSession
from ..rules import (
    CODE_ALPHABET,
    PLAN_TRANSITIONS,
    SESSION_TRANSITIONS,
    SIGN_IN_CODE_LENGTH,
    missing_plan_types,
    plan_final_error,
    require_scheduled,
    session_hours_error,
    session_year_error,
)
from .attendance import session_finalise
from .compliance import organiser_compliance_queue

PLAN_FIELDS = ("title", "notes")
PLANNED_FIELDS = (
    "title",
    "training_type",
    "form",
    "month",
    "topics",
    "target_workers",
    "target_count",
    "budget",
    "political_education",
)
SESSION_FIELDS = (
    "title",
    "training_type",
    "form",
    "starts_at",
    "ends_at",
    "hours",
    "place",
    "online",
    "trainers",
    "topics",
    "political_education",
    "capacity",
    "pass_score",
)


def require_organiser_region(actor, region: Region) -> None:
    """Plans are made by a province, city or county bureau the actor may act for (404 out of scope, 403 role)."""
    access.require_role(actor, region.code)
    if region.level not in ORGANISER_LEVELS:
        raise ValidationError({"region": _("培训组织单位应为省、市或县（市、区）级")})


@transaction.atomic
def plan_create(*, actor, region: Region, year: int, title: str, notes: str = "") -> TrainingPlan:
    """Create an organiser's annual plan; one per region and year (a second one is a 400 naming the first)."""
    require_organiser_region(actor, region)
    plan = TrainingPlan(region=region, year=year, title=title, notes=notes, created_by=actor)
    plan.full_clean(validate_constraints=False)
    if TrainingPlan.objects.filter(region=region, year=year).exists():
        raise ValidationError(
            {"year": _("{name} 已有 {year} 年度培训计划").format(name=region.name, year=year)}
        )
    with set_actor(actor):
        try:
            with transaction.atomic():
                plan.save()
        except IntegrityError:
            raise ValidationError(
                {"year": _("{name} 已有 {year} 年度培训计划").format(name=region.name, year=year)}
            ) from None
    return plan


@transaction.atomic
def plan_update(*, actor, plan: TrainingPlan, **changes) -> TrainingPlan:
    """Change a plan's title or notes (its region and year are fixed: sessions hang on them)."""
    access.require_role(actor, plan.region.code)
    model_update(plan, changes, allowed=PLAN_FIELDS)
    plan.full_clean(validate_constraints=False)
    with set_actor(actor):
        plan.save()
    return plan


def _plan_types(plan: TrainingPlan, *, without: PlannedTraining | None = None) -> list[str]:
    """The training types of the plan's items (leaving out `without`, an item being changed or deleted)."""
    items = plan.items.all() if without is None else plan.items.exclude(pk=without.pk)
    return list(items.values_list("training_type", flat=True))


@transaction.atomic
def plan_finalise(*, actor, plan: TrainingPlan, reason: str = "") -> TrainingPlan:
    """Mark an annual plan final (定稿). It must hold 岗前培训, 定期轮训 and 业务进修 (粤民发〔2018〕170号 二(五)
    将岗前培训、定期轮训、业务进修列入年度计划), or record the reason one is absent (400 otherwise).
    Of two people finalising at once one wins, the other gets a 409."""
    access.require_role(actor, plan.region.code)
    new = next_state(PLAN_TRANSITIONS, plan.status, "finalise", labels=PlanStatus)
    missing = missing_plan_types(_plan_types(plan))
    reason = (reason or "").strip() if missing else ""
    message = plan_final_error(missing=missing, reason=reason)
    if message:
        raise ValidationError({"reason": message}, code="plan_missing_types")
    with set_actor(actor):
        apply_transition(
            TrainingPlan.objects,
            plan,
            new,
            missing_types_reason=reason,
            finalised_at=timezone.now(),
            finalised_by=actor,
        )
    return plan


def _keep_final_plan_whole(plan: TrainingPlan, types: list[str]) -> None:
    """A final plan may not lose a required type it had, unless its recorded reason covers a gap (400)."""
    if plan.status != PlanStatus.FINAL or plan.missing_types_reason:
        return
    message = plan_final_error(missing=missing_plan_types(types), reason="")
    if message:
        raise ValidationError(
            {"training_type": _("年度计划已定稿：%(reason)s") % {"reason": message}},
            code="plan_missing_types",
        )


@transaction.atomic
def planned_training_create(*, actor, plan: TrainingPlan, **fields) -> PlannedTraining:
    """Add a training (type, form, topics, target workers, budget) to an annual plan."""
    access.require_role(actor, plan.region.code)
    unknown = set(fields) - set(PLANNED_FIELDS)
    if unknown:
        raise ValidationError({name: _("未知字段") for name in unknown})
    item = PlannedTraining(plan=plan, **fields)
    item.full_clean()
    with set_actor(actor):
        item.save()
    organiser_compliance_queue(plan.region.code, plan.year)
    return item


@transaction.atomic
def planned_training_update(*, actor, item: PlannedTraining, **changes) -> PlannedTraining:
    access.require_role(actor, item.plan.region.code)
    model_update(item, changes, allowed=PLANNED_FIELDS)
    item.full_clean()
    _keep_final_plan_whole(item.plan, [*_plan_types(item.plan, without=item), item.training_type])
    with set_actor(actor):
        item.save()
    return item


@transaction.atomic
def planned_training_delete(*, actor, item: PlannedTraining) -> None:
    access.require_role(actor, item.plan.region.code)
    plan = item.plan
    _keep_final_plan_whole(plan, _plan_types(plan, without=item))
    with set_actor(actor):
        item.delete()
    organiser_compliance_queue(plan.region.code, plan.year)


def _new_sign_in_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(SIGN_IN_CODE_LENGTH))
        if not TrainingSession.objects.filter(sign_in_code=code).exists():
            return code


def _check_session(session: TrainingSession) -> None:
    """Every check on a session's own fields, collected into one ValidationError (nothing saved on error)."""
    errors: dict[str, str] = {}
    try:
        session.full_clean(exclude=["sign_in_code", "plan", "region"])
    except ValidationError as exc:
        errors.update({k: " ".join(v) for k, v in exc.message_dict.items()})
    if session.starts_at and session.ends_at and session.hours is not None and "hours" not in errors:
        message = session_hours_error(
            hours=session.hours, starts_at=session.starts_at, ends_at=session.ends_at
        )
        if message:
            errors["ends_at" if "结束" in message else "hours"] = message
    if session.starts_at and "starts_at" not in errors:
        local_date = timezone.localtime(session.starts_at).date()
        message = session_year_error(session_date=local_date, plan_year=session.plan.year)
        if message:
            errors["starts_at"] = message
    if session.planned is not None and session.planned.plan_id != session.plan_id:
        errors["planned"] = _("计划培训项目不属于该年度计划")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_create(
    *, actor, plan: TrainingPlan, planned: PlannedTraining | None = None, **fields
) -> TrainingSession:
    """Schedule a session in an organiser's plan: dated in the plan's year, hours within its length."""
    access.require_role(actor, plan.region.code)
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise ValidationError({name: _("未知字段") for name in unknown})
    if planned is not None:
        fields.setdefault("training_type", planned.training_type)
        fields.setdefault("form", planned.form)
        fields.setdefault("title", planned.title)
    session = TrainingSession(
        plan=plan,
        planned=planned,
        region=plan.region,
        created_by=actor,
        sign_in_code=_new_sign_in_code(),
        **fields,
    )
    _check_session(session)
    with set_actor(actor):
        session.save()
    organiser_compliance_queue(plan.region.code, plan.year)
    return session


@transaction.atomic
def session_update(*, actor, session: TrainingSession, **changes) -> TrainingSession:
    """Change a scheduled session (held or cancelled sessions are locked: 409)."""
    access.require_role(actor, session.region.code)
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    require_scheduled(session.status)
    model_update(session, changes, allowed=SESSION_FIELDS)
    _check_session(session)
    if "hours" in changes:
        over = session.attendances.filter(hours__gt=session.hours).count()
        if over:
            raise ValidationError({"hours": _("已有 {over} 人的登记学时超过新学时").format(over=over)})
    with set_actor(actor):
        session.save()
    organiser_compliance_queue(session.region.code, session.plan.year)
    return session


@transaction.atomic
def session_cancel(*, actor, session: TrainingSession, reason: str) -> TrainingSession:
    """Cancel a scheduled session (with a reason); attendance recorded so far stays on file, uncredited."""
    access.require_role(actor, session.region.code)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("请填写取消原因")})
    new = next_state(SESSION_TRANSITIONS, session.status, "cancel", labels=SessionStatus)
    with set_actor(actor):
        apply_transition(TrainingSession.objects, session, new, cancel_reason=reason.strip()[:200])
    organiser_compliance_queue(session.region.code, session.plan.year)
    return session


@transaction.atomic
def session_complete(*, actor, session: TrainingSession) -> TrainingSession:
    """Mark a session held: attendance is final, completion is decided and certificates are issued."""
    access.require_role(actor, session.region.code)
    new = next_state(SESSION_TRANSITIONS, session.status, "complete", labels=SessionStatus)
    with set_actor(actor):
        apply_transition(TrainingSession.objects, session, new, held_at=timezone.now())
    session_finalise(actor=actor, session=session)
    organiser_compliance_queue(session.region.code, session.plan.year)
    return session
