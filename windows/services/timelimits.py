"""The time-limit table as data, each limit with its source (domain.md 12): the province default (a rule's
citation where one sets the limit, else 本地默认) edited by a province admin, and a county's own limit edited by
its county admins, which may shorten a statutory limit but never lengthen it. Changes keep their history."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from regions.audit import set_actor

from .. import rules
from ..choices import CaseCategory, DeadlineStep
from ..models import DeadlineRule
from .calendar import county_code_or_error, require_table_admin


def deadline_rule_save(
    *,
    actor,
    category: str,
    step: str,
    working_days: int,
    source: str,
    region_code: str = "",
    statutory: bool = False,
) -> DeadlineRule:
    """Set one limit: the province default (region '') or a county's own (created or changed)."""
    region_code = county_code_or_error(region_code)
    require_table_admin(actor, region_code)
    errors = {}
    if category not in CaseCategory.values:
        errors["category"] = _("事项类别无效")
    if step not in DeadlineStep.values:
        errors["step"] = _("环节无效")
    source = (source or "").strip()
    if not source:
        errors["source"] = _("请填写依据：法规名称、文号和条款，无明文规定的填写“{source}”").format(
            source=rules.LOCAL_DEFAULT_SOURCE
        )
    if errors:
        raise ValidationError(errors)
    default = DeadlineRule.objects.filter(category=category, step=step, region_code="").first()
    if region_code:
        statutory = False  # a county's own limit is local; the statutory one is the province default
        problem = rules.county_limit_error(
            working_days, default.working_days if default else None, bool(default and default.statutory)
        )
    else:
        problem = rules.county_limit_error(working_days, None, False)
    if problem:
        raise ValidationError({"working_days": problem})
    try:
        with transaction.atomic(), set_actor(actor):
            row, _created = DeadlineRule.objects.select_for_update().get_or_create(
                category=category,
                step=step,
                region_code=region_code,
                defaults={"working_days": working_days, "source": source[:200], "statutory": statutory},
            )
            row.working_days, row.source, row.statutory = working_days, source[:200], statutory
            row.full_clean(validate_constraints=False)
            row.save()
    except IntegrityError as exc:  # a concurrent first save of the same county row
        raise ValidationError({"working_days": _("该时限刚被他人修改，请刷新后重试")}) from exc
    return row


def deadline_rule_delete(*, actor, rule: DeadlineRule) -> None:
    """Drop a county's own limit (the province default applies again there); a default cannot be removed."""
    if not rule.region_code:
        raise ValidationError(_("全省默认时限不能删除，只能修改"))
    require_table_admin(actor, rule.region_code)
    with transaction.atomic(), set_actor(actor):
        rule.delete()
