"""Writes of supervision by upper levels (粤民发〔2018〕170号 一(七) 上级…业务指导和监督): a city or the province
issues, the county answers, the upper level returns or closes; overdue instructions reach the county admins."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.workflow import apply_transition, next_state
from regions import access
from regions.access import users_with_role
from regions.api.base import region_code_of
from regions.audit import set_actor
from regions.choices import Role
from regions.notifications import notify, notify_digest

from ..choices import TARGET_KINDS, InstructionAction, InstructionStatus
from ..models import Instruction, InstructionEvent
from ..rules import (
    INSTRUCTION_TRANSITIONS,
    deadline_error,
    issuer_error,
    target_region_error,
    text_required,
)

UPPER_ROLES = frozenset({Role.PROVINCIAL_VIEWER, Role.CITY_VIEWER})
COUNTY_ROLES = frozenset({Role.COUNTY_ADMIN, Role.COUNTY_STAFF})


def _upper_codes(actor) -> list[str]:
    if access.sees_everything(actor):
        return ["44"]
    return [g.code for g in access.grants(actor) if g.role in UPPER_ROLES]


def _require_upper(actor, code: str) -> str:
    """The actor's upper-level grant over `code` (the shortest: the province before the city), or 403."""
    access.require_visible(actor, code)
    message = issuer_error(issuer_codes=_upper_codes(actor), target_code=code)
    if message:
        raise PermissionDenied(message)
    return min((c for c in _upper_codes(actor) if code.startswith(c)), key=len)


def target_kind(obj: models.Model) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def _event(instruction: Instruction, action: str, actor, note: str = "") -> None:
    InstructionEvent.objects.create(instruction=instruction, action=action, note=note, actor=actor)


@transaction.atomic
def instruction_issue(
    *, actor, target: models.Model, kind: str, finding: str, requirement: str, deadline: dt.date
) -> Instruction:
    """Record an inspection or instruction on a county's project, contract, window or region (400 on bad input,
    404 out of scope, 403 for anyone but a city or the province above it)."""
    if target_kind(target) not in TARGET_KINDS:
        raise ValidationError({"target": _("只能对项目、合同、窗口或区域下达督导意见")})
    code = region_code_of(target)
    access.require_visible(actor, code)
    errors = {
        **text_required(finding, "finding", _("发现问题")),
        **text_required(requirement, "requirement", _("整改要求")),
    }
    for field, message in (
        ("target", target_region_error(code)),
        ("deadline", deadline_error(deadline=deadline, today=timezone.localdate())),
    ):
        if message:
            errors[field] = message
    if errors:
        raise ValidationError(errors)
    issuer = _require_upper(actor, code)
    instruction = Instruction(
        kind=kind,
        content_type=ContentType.objects.get_for_model(target),
        object_id=target.pk,
        target_label=str(target)[:300],
        region_code=code,
        issuer_region_code=issuer,
        finding=finding.strip(),
        requirement=requirement.strip(),
        deadline=deadline,
        created_by=actor,
    )
    instruction.full_clean()
    with set_actor(actor):
        instruction.save()
    _event(instruction, InstructionAction.ISSUE, actor, instruction.requirement)
    _notify_county(instruction, title=f"上级{instruction.get_kind_display()}意见：{instruction.target_label}")
    return instruction


@transaction.atomic
def instruction_answer(*, actor, instruction: Instruction, rectification: str, evidence: str) -> Instruction:
    """The county answers with its rectification and the evidence of it (open → answered)."""
    access.require_role(actor, instruction.region_code, COUNTY_ROLES)
    errors = {
        **text_required(rectification, "rectification", _("整改情况")),
        **text_required(evidence, "evidence", _("整改佐证（文件名、文号或说明）")),
    }
    if errors:
        raise ValidationError(errors)
    new = next_state(INSTRUCTION_TRANSITIONS, instruction.status, "answer", labels=InstructionStatus)
    with set_actor(actor):
        apply_transition(
            Instruction.objects,
            instruction,
            new,
            rectification=rectification.strip(),
            evidence=evidence.strip(),
            answered_at=timezone.now(),
        )
    _event(instruction, InstructionAction.ANSWER, actor, instruction.rectification)
    return instruction


def _review(actor, instruction: Instruction, action: str, note: str, **changes: Any) -> Instruction:
    """The issuing level (or the one above it) reviews: 404 out of scope, 403 for anyone else."""
    access.require_visible(actor, instruction.region_code)
    message = issuer_error(issuer_codes=_upper_codes(actor), target_code=instruction.issuer_region_code)
    if message:
        raise PermissionDenied(message)
    new = next_state(INSTRUCTION_TRANSITIONS, instruction.status, action, labels=InstructionStatus)
    with set_actor(actor):
        apply_transition(Instruction.objects, instruction, new, review_note=note.strip(), **changes)
    _event(instruction, action, actor, note.strip())
    return instruction


@transaction.atomic
def instruction_return(*, actor, instruction: Instruction, note: str) -> Instruction:
    """The upper level sends the answer back (answered → open), saying what is still wrong."""
    if not (note or "").strip():
        raise ValidationError({"note": _("退回时请写明仍需整改的内容")})
    _review(actor, instruction, "return", note, returned_count=instruction.returned_count + 1)
    _notify_county(instruction, title=f"督导意见被退回重改：{instruction.target_label}")
    return instruction


@transaction.atomic
def instruction_close(*, actor, instruction: Instruction, note: str = "") -> Instruction:
    """The upper level accepts the rectification (answered → closed)."""
    return _review(actor, instruction, "close", note or "", closed_at=timezone.now())


def _notify_county(instruction: Instruction, *, title: str, key: str = "", admins=None) -> int:
    county = instruction.region_code[:6]
    if admins is None:
        admins = users_with_role([county], [Role.COUNTY_ADMIN])
    return notify(
        admins.get(county, []),
        title=title,
        body=_("整改要求：%(requirement)s；期限 %(deadline)s（粤民发〔2018〕170号 一(七)）。")
        % {"requirement": instruction.requirement, "deadline": f"{instruction.deadline:%Y-%m-%d}"},
        url=reverse("supervision:detail", args=[instruction.pk]),
        kind="supervision",
        key=key,
    )


def overdue_notify(*, today: dt.date | None = None) -> int:
    """Tell the county admins of the instructions past their deadline and not answered (open, or sent back): one
    notification a day per admin listing them (issue 14; a second run the same day sends nothing new). Returns how
    many admins were told anything new."""
    today = today or timezone.localdate()
    overdue = list(
        Instruction.objects.filter(status=InstructionStatus.OPEN, deadline__lt=today).order_by("id")
    )
    admins = users_with_role({i.region_code[:6] for i in overdue}, [Role.COUNTY_ADMIN])
    lines: dict = defaultdict(list)
    for instruction in overdue:
        text = _("%(target)s：整改期限 %(deadline)s 已过") % {
            "target": instruction.target_label,
            "deadline": f"{instruction.deadline:%Y-%m-%d}",
        }
        line = f"{text} {reverse('supervision:detail', args=[instruction.pk])}"
        for admin in admins.get(instruction.region_code[:6], []):
            lines[admin].append(line)
    return notify_digest(
        lines,
        kind="supervision_overdue",
        day=today,
        title=lambda n: _("%(n)s 条督导意见已超过整改期限（粤民发〔2018〕170号 一(七)）") % {"n": n},
        url=f"{reverse('supervision:index')}?status={InstructionStatus.OPEN}",
    )
