"""Writes for evaluation templates: parties with weights, indicators per dimension (粤民发〔2018〕170号 一(六))."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from procurement.models import CatalogueItem
from regions import access
from regions.audit import set_actor
from regions.choices import ADMIN_ROLES, RegionLevel

from ..choices import Dimension, Party
from ..models import EvaluationTemplate, TemplateIndicator, TemplateParty
from ..rules import GradeThresholds, IndicatorSpec, template_errors, thresholds_error

#: a county (or a level above) makes its own templates (domain.md section 11)
TEMPLATE_LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)


def _decimal(value, field: str) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        raise ValidationError({field: _("须为数字，收到 {value!r}").format(value=value)}) from None
    if not number.is_finite():
        raise ValidationError({field: _("须为有限数字")})
    return number


def _parse_parties(parties: list[dict]) -> tuple[dict[str, Decimal], list[IndicatorSpec]]:
    """Turn the nested input into weights and indicator specs; bad shapes are a ValidationError."""
    if not isinstance(parties, list) or not parties:
        raise ValidationError({"parties": _("须列出三方及其指标")})
    weights: dict[str, Decimal] = {}
    specs: list[IndicatorSpec] = []
    for i, row in enumerate(parties):
        party = row.get("party")
        if party not in Party.values:
            raise ValidationError(
                {"parties": _("第{value}项评价方 {party!r} 无效").format(value=i + 1, party=party)}
            )
        if party in weights:
            raise ValidationError({"parties": _("评价方 {party} 重复").format(party=party)})
        weights[party] = _decimal(row.get("weight"), "parties")
        indicators = row.get("indicators") or []
        for j, ind in enumerate(indicators):
            dimension = ind.get("dimension")
            if dimension not in Dimension.values:
                raise ValidationError(
                    {
                        f"indicators.{party}": _("第{value}项指标的维度 {dimension!r} 无效").format(
                            value=j + 1, dimension=dimension
                        )
                    }
                )
            name = (ind.get("name") or "").strip()
            if not name:
                raise ValidationError(
                    {f"indicators.{party}": _("第{value}项指标缺少名称").format(value=j + 1)}
                )
            if len(name) > 200:
                raise ValidationError({f"indicators.{party}": _("指标名称不超过200字")})
            specs.append(
                IndicatorSpec(party, dimension, _decimal(ind.get("weight"), f"indicators.{party}"), name)
            )
    return weights, specs


def service_categories() -> list[str]:
    """The purchasable items of procurement's guidance catalogue (一(二)): a template may be made for one of them."""
    names = CatalogueItem.objects.filter(active=True, government_only=False).values_list("name", flat=True)
    return sorted(set(names))


def _check(*, region, parties, excellent_min, good_min, pass_min, min_sample, actor, service_category=""):
    if region is not None:
        if region.level not in TEMPLATE_LEVELS:
            raise ValidationError({"region": _("评价模板由县级及以上制定")})
        access.require_role(actor, region.code, ADMIN_ROLES)
    elif not getattr(actor, "is_superuser", False):
        raise ValidationError({"region": _("全省通用模板仅系统管理员可维护")})
    weights, specs = _parse_parties(parties)
    errors = template_errors(weights, specs)
    thresholds = GradeThresholds(
        _decimal(excellent_min, "excellent_min"),
        _decimal(good_min, "good_min"),
        _decimal(pass_min, "pass_min"),
    )
    if message := thresholds_error(thresholds):
        errors["thresholds"] = message
    category = (service_category or "").strip()
    if category and category not in service_categories():
        errors["service_category"] = _("服务类别“{category}”不在购买服务指导目录中").format(category=category)
    if not isinstance(min_sample, int) or isinstance(min_sample, bool) or min_sample < 1:
        errors["min_sample"] = _("最低样本量须为正整数")
    if errors:
        raise ValidationError(errors)
    return weights, specs, thresholds


def _write_parties(template: EvaluationTemplate, weights, specs) -> None:
    for party in Party.values:
        row = TemplateParty(template=template, party=party, weight=weights[party])
        row.full_clean()
        row.save()
        for position, spec in enumerate((s for s in specs if s.party == party), start=1):
            indicator = TemplateIndicator(
                party=row, dimension=spec.dimension, name=spec.name, weight=spec.weight, position=position
            )
            indicator.full_clean()
            indicator.save()


def template_create(
    *,
    actor,
    name: str,
    region,
    parties: list[dict],
    service_category: str = "",
    excellent_min=Decimal("90"),
    good_min=Decimal("80"),
    pass_min=Decimal("60"),
    min_sample: int = 30,
    is_default: bool = False,
) -> EvaluationTemplate:
    """Create a template from nested parties → indicators. Refused, nothing saved, when the party weights do not sum
    to 100, recipients do not carry the largest weight, a party misses a dimension or its indicator weights do not
    sum to 100, or the grade thresholds do not descend."""
    weights, specs, thresholds = _check(
        region=region,
        parties=parties,
        excellent_min=excellent_min,
        good_min=good_min,
        pass_min=pass_min,
        min_sample=min_sample,
        actor=actor,
        service_category=service_category,
    )
    template = EvaluationTemplate(
        name=(name or "").strip(),
        region=region,
        service_category=(service_category or "").strip(),
        excellent_min=thresholds.excellent,
        good_min=thresholds.good,
        pass_min=thresholds.passing,
        min_sample=min_sample,
        is_default=is_default,
    )
    template.full_clean()
    with transaction.atomic(), set_actor(actor):
        template.save()
        _write_parties(template, weights, specs)
    return template


def template_in_use(template: EvaluationTemplate) -> bool:
    """A template some evaluation was made from is frozen: its scores refer to its indicators."""
    return template.evaluations.exists()


def template_update(
    *,
    actor,
    template: EvaluationTemplate,
    name: str,
    parties: list[dict],
    service_category: str = "",
    excellent_min=Decimal("90"),
    good_min=Decimal("80"),
    pass_min=Decimal("60"),
    min_sample: int = 30,
    active: bool = True,
) -> EvaluationTemplate:
    """Replace a template's content (same checks as create). A template already used by an evaluation is frozen:
    Conflict; make a new one instead."""
    weights, specs, thresholds = _check(
        region=template.region,
        parties=parties,
        excellent_min=excellent_min,
        good_min=good_min,
        pass_min=pass_min,
        min_sample=min_sample,
        actor=actor,
        service_category=service_category,
    )
    with transaction.atomic(), set_actor(actor):
        locked = EvaluationTemplate.objects.select_for_update().get(pk=template.pk)
        if template_in_use(locked):
            raise Conflict(
                _("该模板已用于绩效评价，不能修改，请另建模板"),
                code="template_in_use",
            )
        locked.name = (name or "").strip()
        locked.service_category = (service_category or "").strip()
        locked.excellent_min, locked.good_min, locked.pass_min = (
            thresholds.excellent,
            thresholds.good,
            thresholds.passing,
        )
        locked.min_sample = min_sample
        locked.active = active
        locked.full_clean()
        locked.save()
        TemplateParty.objects.filter(template=locked).delete()
        _write_parties(locked, weights, specs)
    return locked


def template_as_input(template: EvaluationTemplate) -> list[dict]:
    """A template's parties in the nested shape create/update take (for copying a template into a form)."""
    return [
        {
            "party": p.party,
            "weight": p.weight,
            "indicators": [
                {"dimension": i.dimension, "name": i.name, "weight": i.weight} for i in p.indicators.all()
            ],
        }
        for p in template.parties.all()
    ]
