"""Reads of supervision, always scoped to the user's regions (the county sees its own, the city its counties')."""

from __future__ import annotations

import datetime as dt

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext

from core.web import TodoItem
from regions import access
from regions.api.base import region_code_of
from regions.choices import BUSINESS_ROLES, Role

from .choices import TARGET_KINDS, InstructionStatus
from .models import Instruction
from .rules import COUNTY_CODE_LENGTH


def instructions_visible(user):
    return Instruction.objects.visible_to(user).select_related("content_type", "created_by")


def instructions_for(user, obj: models.Model):
    """The instructions on one object (for its page and its API), newest first, scoped to the user."""
    ct = ContentType.objects.get_for_model(obj)
    return instructions_visible(user).filter(content_type=ct, object_id=obj.pk)


def target_for(user, kind: str, pk: int | str) -> models.Model:
    """The project, contract, window or region `kind` ("app_label.model") `pk` if the user sees it; 404 else."""
    if kind not in TARGET_KINDS:
        raise Http404
    model = apps.get_model(kind)
    try:
        return model._default_manager.visible_to(user).get(pk=pk)
    except (model.DoesNotExist, ValueError):
        raise Http404 from None


#: the page of each kind of target (URL names, so this app imports none of the apps it points at)
TARGET_PAGES = {
    "procurement.project": ("procurement:project_detail", "pk"),
    "procurement.contract": ("procurement:contract_detail", "pk"),
    "windows.servicewindow": ("windows:window_detail", "pk"),
    "regions.region": ("regions:detail", "code"),
}


def target_url(instruction: Instruction) -> str:
    """Where the target's own page is (the instruction shows there too); "" when the target is gone."""
    obj = instruction.target
    if obj is None:
        return ""
    name, attr = TARGET_PAGES[f"{instruction.content_type.app_label}.{instruction.content_type.model}"]
    try:
        return reverse(name, args=[getattr(obj, attr)])
    except NoReverseMatch:
        return ""


def can_issue(user, code: str) -> bool:
    """Whether the user is an upper level (a city or the province) above this county's region."""
    if access.sees_everything(user):
        return True
    return any(
        len(g.code) < COUNTY_CODE_LENGTH and code.startswith(g.code) and g.role in BUSINESS_ROLES
        for g in access.grants(user)
    )


def panel(user, obj: models.Model) -> dict:
    """What an object's page shows of its supervision: the instructions on it and whether the user may add one."""
    code = region_code_of(obj)
    return {
        "instructions": list(instructions_for(user, obj)),
        "kind": f"{obj._meta.app_label}.{obj._meta.model_name}",
        "object_id": obj.pk,
        "can_issue": len(code) >= COUNTY_CODE_LENGTH and can_issue(user, code),
    }


def home_todo(user, today: dt.date) -> list[TodoItem]:
    """Instructions waiting for this user (issue 14): a county's open ones to rectify and answer, an upper level's
    answered ones to review (粤民发〔2018〕170号 一(七): 督促整改). Viewers of other levels see neither."""
    index = reverse("supervision:index")
    items = []
    for status, roles, label in (
        (
            InstructionStatus.OPEN,
            frozenset({Role.COUNTY_ADMIN, Role.COUNTY_STAFF}),
            gettext("待整改回复的督导意见"),
        ),
        (
            InstructionStatus.ANSWERED,
            frozenset({Role.PROVINCIAL_VIEWER, Role.CITY_VIEWER}),
            gettext("待审核的整改回复"),
        ),
    ):
        scope = access.role_scope_q(user, "region_code", roles)
        qs = Instruction.objects.filter(status=status)
        if scope is not None:
            if not any(g.role in roles for g in access.grants(user)):
                continue
            qs = qs.filter(scope)
        items.append(TodoItem(label, qs.count(), f"{index}?status={status}", "warn"))
    return items
