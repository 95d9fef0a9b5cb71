"""The routing table as data (粤民发〔2018〕170号 二(一) 一门受理、协同办理; issue 13: the reference tables a county runs
on are edited in the product's own pages by the roles that own them): which department handles each category,
and whether it is handled by a department other than civil affairs (协同办理). The table is province-wide, so a
province admin edits it; every change keeps its history (who, when, before and after)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from regions.audit import set_actor

from ..choices import CaseCategory
from ..models import RoutingRule
from .calendar import require_table_admin


@transaction.atomic
def routing_rule_save(*, actor, category: str, department: str, collaborative: bool) -> RoutingRule:
    """Set the department (and 协同办理) of one category; cases received from then on are routed by it."""
    require_table_admin(actor, "")
    department = (department or "").strip()
    errors = {}
    if category not in CaseCategory.values:
        errors["category"] = _("事项类别无效")
    if not department or len(department) > 100:
        errors["department"] = _("请填写承办部门（不超过100个字）")
    if errors:
        raise ValidationError(errors)
    with set_actor(actor):
        row = RoutingRule.objects.select_for_update().filter(category=category).first()
        if row is None:
            row = RoutingRule(category=category)
        row.department, row.collaborative = department, bool(collaborative)
        row.full_clean(validate_unique=False)
        row.save()
    return row
