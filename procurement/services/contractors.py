"""Catalogue items, contractors, local conditions and eligibility reviews (粤民发〔2018〕170号 一(二), 一(三))."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import model_update
from core.uploads import document_problem
from regions.audit import set_actor
from regions.choices import RegionLevel
from regions.models import Region
from regions.rules import ancestor_codes, credit_code_error, normalise_credit_code

from ..choices import Condition, WorkKind
from ..models import CatalogueItem, Contractor, EligibilityReview, LocalCondition, ReviewCondition
from ..rules import kind_error, review_errors, review_passes
from .common import check, fail, require_acting, today

COUNTY_AND_ABOVE = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)


@transaction.atomic
def catalogue_item_create(
    *,
    actor,
    region: Region,
    code: str,
    name: str,
    work_kind: str,
    assistance: str,
    government_only: bool = False,
    description: str = "",
) -> CatalogueItem:
    """A local catalogue item added by a county (or a city / the province) to the guidance catalogue."""
    if region.level not in COUNTY_AND_ABOVE:
        raise ValidationError({"region": _("地方目录项由县级以上民政部门增设")})
    require_acting(actor, region.code)
    if work_kind == WorkKind.GOVERNMENT:
        government_only = True
    item = CatalogueItem(
        region=region,
        code=(code or "").strip(),
        name=(name or "").strip(),
        work_kind=work_kind,
        assistance=assistance,
        government_only=government_only,
        description=description,
    )
    check(item)
    with set_actor(actor):
        item.save()
    return item


def _contractor_errors(credit_code: str, kind: str, *, exclude_pk: int | None = None) -> dict[str, str]:
    errors: dict[str, str] = {}
    problem = credit_code_error(credit_code)
    if problem:
        errors["credit_code"] = problem
    else:
        mismatch = kind_error(credit_code, kind)
        if mismatch:
            errors["kind"] = mismatch
        taken = Contractor.objects.filter(credit_code=credit_code).exclude(pk=exclude_pk)  # type: ignore[misc]  # exclude(pk=None) excludes nothing
        if taken.exists():
            errors["credit_code"] = _("该统一社会信用代码已登记")
    return errors


@transaction.atomic
def contractor_create(
    *,
    actor,
    region: Region,
    name: str,
    credit_code: str,
    kind: str,
    legal_representative: str,
    contact_name: str = "",
    contact_phone: str = "",
    address: str = "",
) -> Contractor:
    """Register a contractor; the credit code's check character and its agreement with the kind are checked
    (GB 32100-2015; domain.md section 9)."""
    require_acting(actor, region.code)
    code = normalise_credit_code(credit_code)
    fail(_contractor_errors(code, kind))
    contractor = Contractor(
        region=region,
        name=(name or "").strip(),
        credit_code=code,
        kind=kind,
        legal_representative=(legal_representative or "").strip(),
        contact_name=contact_name,
        contact_phone=contact_phone,
        address=address,
    )
    check(contractor)
    with set_actor(actor):
        contractor.save()
    return contractor


#: what contractor_update may change (the region stays: it decides who reviews and sees the contractor)
CONTRACTOR_EDITABLE = frozenset(
    {"name", "credit_code", "kind", "legal_representative", "contact_name", "contact_phone", "address"}
)


@transaction.atomic
def contractor_update(*, actor, contractor: Contractor, **fields) -> Contractor:
    """Change a contractor's details with the same checks as registration."""
    require_acting(actor, contractor.region.code)
    model_update(
        contractor,
        fields,
        allowed=CONTRACTOR_EDITABLE,
        message=_("不能修改该字段"),
    )
    contractor.credit_code = normalise_credit_code(contractor.credit_code)
    fail(_contractor_errors(contractor.credit_code, contractor.kind, exclude_pk=contractor.pk))
    check(contractor)
    with set_actor(actor):
        contractor.save()
    return contractor


@transaction.atomic
def local_condition_publish(
    *, actor, region: Region, work_kind: str, text: str, published_on: dt.date | None = None
) -> LocalCondition:
    """A county publishes its extra conditions for a service category (粤民发〔2018〕170号 一(三))."""
    if region.level not in COUNTY_AND_ABOVE:
        fail({"region": _("具体条件由县级以上地区确定并公开")})
    require_acting(actor, region.code)
    condition = LocalCondition(
        region=region, work_kind=work_kind, text=(text or "").strip(), published_on=published_on or today()
    )
    check(condition)
    with set_actor(actor):
        condition.save()
    return condition


def local_conditions_for(region_code: str, work_kind: str, on: dt.date) -> list[LocalCondition]:
    """The local conditions published by this region or a region above it for the category, up to `on`."""
    codes = [*ancestor_codes(region_code), region_code]
    return list(
        LocalCondition.objects.filter(region__code__in=codes, work_kind=work_kind, published_on__lte=on)
        .select_related("region")
        .order_by("region__code", "published_on")
    )


def _assessed(conditions: list[dict], errors: dict[str, str]) -> dict[str, tuple[bool, bool]]:
    """{condition: (met, has evidence)} of the conditions given; unknown or repeated ones are errors."""
    given: dict[str, tuple[bool, bool]] = {}
    for entry in conditions:
        name = entry.get("condition")
        if name not in Condition.values:
            errors["conditions"] = _("未知的审查条件 {name!r}").format(name=name)
            continue
        if name in given:
            errors["conditions"] = _("条件 {name} 重复").format(name=name)
        upload = entry.get("evidence_file")
        if upload and (problem := document_problem(upload)):
            errors["conditions"] = _("条件 {name} 的证明材料：{problem}").format(name=name, problem=problem)
        evidence = bool(upload) or bool((entry.get("evidence_note") or "").strip())
        given[name] = (bool(entry.get("met")), evidence)
    return given


@transaction.atomic
def review_create(
    *,
    actor,
    contractor: Contractor,
    region: Region,
    work_kind: str,
    conditions: list[dict],
    reviewed_on: dt.date | None = None,
    valid_until: dt.date | None = None,
    note: str = "",
) -> EligibilityReview:
    """Review a contractor for a service category on the five conditions of 一(三) and the local conditions the
    region (or one above it) published. `conditions` = [{"condition", "met", "evidence_file", "evidence_note"}].
    Each needs evidence; the review passes only when every condition is met."""
    require_acting(actor, region.code)
    reviewed_on = reviewed_on or today()
    errors: dict[str, str] = {}
    if work_kind not in (WorkKind.TRANSACTIONAL, WorkKind.SERVICE):
        errors["work_kind"] = _("只能审查事务性或服务性工作")
    if valid_until and valid_until < reviewed_on:
        errors["valid_until"] = _("有效期不能早于审查日期")
    given = _assessed(conditions, errors)
    local = local_conditions_for(region.code, work_kind, reviewed_on)
    errors.update(review_errors(given, local_published=bool(local)))
    fail(errors)
    passed = review_passes(given, local_published=bool(local))
    review = EligibilityReview(
        contractor=contractor,
        region=region,
        work_kind=work_kind,
        result="passed" if passed else "failed",
        reviewer=actor,
        reviewed_on=reviewed_on,
        valid_until=valid_until,
        local_conditions="\n".join(f"{c.region.name}（{c.published_on}）：{c.text}" for c in local),
        note=note,
    )
    check(review)
    rows = [
        ReviewCondition(
            condition=entry["condition"],
            met=bool(entry.get("met")),
            evidence_file=entry.get("evidence_file") or "",
            evidence_note=(entry.get("evidence_note") or "").strip(),
        )
        for entry in conditions
    ]
    with set_actor(actor):
        review.save()
        for row in rows:
            row.review = review
            row.save()
    return review
