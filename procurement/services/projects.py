"""Projects through the five stages of 粤民发〔2018〕170号 一(四): selection, publication, the exits and the
evaluation mark. One service per step; each moves the state with a conditional update and leaves an event row.
Bids, scores and the award are in services/bids.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from regions.audit import set_actor
from regions.choices import RegionLevel
from regions.models import Region
from regions.rules import ancestor_codes

from ..choices import ContractStatus, Method, ProjectStatus, StandardDimension
from ..models import CatalogueItem, Contract, Project, ScoringCriterion, ServiceStandard
from ..rules import PERIOD_TOO_SHORT, PROJECT_TRANSITIONS, CriterionSpec, method_errors, scheme_errors
from ..selectors import response_period_message
from .common import (
    check,
    decimal_or_error,
    fail,
    project_step,
    record_event,
    require_acting,
    thresholds_for,
    today,
)

PURCHASER_LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP)


def _previous_additions(original: Contract | None, exclude_pk: int | None = None) -> Decimal:
    if original is None:
        return Decimal(0)
    rows = Project.objects.filter(original_contract=original).exclude(pk=exclude_pk)  # type: ignore[misc]  # exclude(pk=None) excludes nothing
    rows = rows.exclude(status__in=(ProjectStatus.FAILED, ProjectStatus.TERMINATED))
    return rows.aggregate(total=Sum("budget"))["total"] or Decimal(0)


def _method_errors(project: Project) -> dict[str, str]:
    original = project.original_contract
    return method_errors(
        method=project.method,
        condition=project.method_condition,
        approval_reference=project.approval_reference,
        budget=project.budget,
        in_central_catalogue=project.in_central_catalogue,
        thresholds=thresholds_for(project.purchaser.code, project.year),
        original_amount=original.amount if original else None,
        previous_additions=_previous_additions(original, exclude_pk=project.pk),
    )


def _purchaser_errors(purchaser: Region) -> dict[str, str]:
    if purchaser.level in PURCHASER_LEVELS:
        return {}
    return {"purchaser": _("购买主体须为县级以上人民政府或乡镇政府（街道办事处）")}


def _items_errors(purchaser: Region, items: list[CatalogueItem]) -> dict[str, str]:
    """The catalogue items must exist, be purchasable, of the purchaser's catalogue and active (the last problem
    found is the one reported)."""
    errors: dict[str, str] = {}
    if not items:
        errors["items"] = _("须选择至少一个购买内容")
    forbidden = [item.name for item in items if item.government_only]
    if forbidden:
        # 粤民发〔2018〕170号 一(二): administrative affairs the government must do itself are not purchased
        errors["items"] = _("以下事项应当由政府直接承担，不得向社会力量购买：{value}").format(
            value="、".join(forbidden)
        )
    codes = {*ancestor_codes(purchaser.code), purchaser.code}
    foreign = [i.name for i in items if i.region is not None and i.region.code not in codes]
    if foreign:
        errors["items"] = _("不属于本地区目录的事项：{value}").format(value="、".join(foreign))
    inactive = [i.name for i in items if not i.active]
    if inactive:
        errors["items"] = _("已停用的目录事项：{value}").format(value="、".join(inactive))
    return errors


def _standard_rows(standards: list[dict], errors: dict[str, str]) -> list[ServiceStandard]:
    """Unsaved standards; every one needs an indicator and a target, and together they cover every dimension."""
    rows = []
    for entry in standards:
        row = ServiceStandard(
            dimension=entry.get("dimension", ""),
            indicator=(entry.get("indicator") or "").strip(),
            target=(entry.get("target") or "").strip(),
        )
        if not row.indicator or not row.target:
            errors["standards"] = _("每项服务标准须有指标和目标值")
        rows.append(row)
    missing = set(StandardDimension.values) - {row.dimension for row in rows}
    if missing and "standards" not in errors:
        names = "、".join(str(StandardDimension(d).label) for d in sorted(missing))
        errors["standards"] = _("服务标准须覆盖数量、质量、时效，缺少：{names}").format(names=names)
    return rows


def _criterion_specs(criteria: list[dict], thresholds, errors: dict[str, str]) -> list[CriterionSpec]:
    """The comprehensive scoring scheme (综合评分法), checked against the year's price-weight range."""
    specs = []
    for entry in criteria:
        weight = decimal_or_error(entry.get("weight"), "criteria", errors)
        if weight is not None:
            specs.append(
                CriterionSpec((entry.get("name") or "").strip(), weight, bool(entry.get("is_price")))
            )
    if "criteria" not in errors:
        problems = scheme_errors(specs, thresholds)
        if problems:
            errors["criteria"] = "；".join(problems)
    return specs


def _project_save(
    actor,
    project: Project,
    items: list[CatalogueItem],
    standards: list[ServiceStandard],
    specs: list[CriterionSpec],
) -> None:
    """Check every row (nothing saved yet when one fails), then save the project with its items, standards, scoring
    criteria and the creation event."""
    check(project)
    for row in standards:
        check(row, exclude=["project"])
    project.save()
    project.items.set(items)
    for row in standards:
        row.project = project
        row.save()
    for spec in specs:
        ScoringCriterion.objects.create(
            project=project, name=spec.name, weight=spec.weight, is_price=spec.is_price
        )
    record_event(project, action="create", from_status="", actor=actor, note=project.description[:200])


@transaction.atomic
def project_create(
    *,
    actor,
    purchaser: Region,
    year: int,
    title: str,
    items: list[CatalogueItem],
    budget,
    funding_source: str,
    method: str,
    standards: list[dict],
    criteria: list[dict],
    in_central_catalogue: bool = False,
    method_condition: str = "",
    approval_reference: str = "",
    original_contract: Contract | None = None,
    public_call: bool = True,
    description: str = "",
) -> Project:
    """Select a project (项目选定): purchaser, catalogue items, budget and funding, method, standards and scoring.

    Refused, with nothing saved, when: the purchaser is a village; an item is government-only (一(二)); the method
    breaks domain.md section 9; the scoring scheme's weights do not sum to 100 or the price weight is out of range;
    a standard lacks a target or a dimension (quantity, quality, timeliness) is missing.
    """
    errors = _purchaser_errors(purchaser)
    require_acting(actor, purchaser.code)
    amount = decimal_or_error(budget, "budget", errors)
    if amount is not None and amount <= 0:
        errors["budget"] = _("预算金额须大于0")
    errors.update(_items_errors(purchaser, items))
    if original_contract is not None and original_contract.project.purchaser_id != purchaser.pk:
        errors["original_contract"] = _("原合同须为本购买主体的合同")
    project = Project(  # type: ignore[misc]  # fail(errors) above refused a missing budget
        purchaser=purchaser,
        year=year,
        title=(title or "").strip(),
        budget=amount,
        funding_source=funding_source,
        in_central_catalogue=in_central_catalogue,
        method=method,
        method_condition=method_condition,
        approval_reference=(approval_reference or "").strip(),
        original_contract=original_contract,
        public_call=public_call,
        description=description,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if amount is not None and amount > 0:
        errors.update(_method_errors(project))
    standard_rows = _standard_rows(standards, errors)
    specs = _criterion_specs(criteria, thresholds_for(purchaser.code, year), errors)
    fail(errors)
    with set_actor(actor):
        _project_save(actor, project, items, standard_rows, specs)
    return project


@transaction.atomic
def project_publish(
    *,
    actor,
    project: Project,
    announced_on: dt.date | None = None,
    bid_deadline: dt.date | None = None,
    note: str = "",
) -> Project:
    """Publish the announcement (信息发布, 一(七): 按规定公开购买服务的相关信息); the project appears on the public pages."""
    require_acting(actor, project.purchaser.code)
    announced_on = announced_on or today()
    if bid_deadline and bid_deadline < announced_on:
        raise ValidationError({"bid_deadline": _("响应截止日期不能早于公告日期")})
    too_short = bid_deadline and response_period_message(project.method, announced_on, bid_deadline)
    if too_short:
        # 政府采购法 第三十五条, 财政部令第74号, 财库〔2014〕214号 (domain.md 12)
        raise ValidationError({"bid_deadline": ValidationError(too_short, code=PERIOD_TOO_SHORT)})
    with set_actor(actor):
        return project_step(
            actor, project, "publish", note=note, announced_on=announced_on, bid_deadline=bid_deadline
        )


@transaction.atomic
def project_open(*, actor, project: Project, note: str = "") -> Project:
    """Start the purchase (组织购买): bids can now be registered and scored."""
    require_acting(actor, project.purchaser.code)
    with set_actor(actor):
        return project_step(actor, project, "open", note=note)


@transaction.atomic
def project_fail(*, actor, project: Project, reason: str) -> Project:
    """The purchase failed (too few or no qualified bids, …): record why; then re-tender or switch method."""
    require_acting(actor, project.purchaser.code)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("须写明采购失败的原因")})
    with set_actor(actor):
        return project_step(actor, project, "fail", note=reason.strip(), failure_reason=reason.strip())


@transaction.atomic
def project_retender(*, actor, project: Project, note: str = "") -> Project:
    """Publish again for a new round of bids (重新招标)."""
    require_acting(actor, project.purchaser.code)
    with set_actor(actor):
        return project_step(
            actor,
            project,
            "retender",
            note=note,
            round=project.round + 1,
            announced_on=today(),
            awarded_bid=None,
        )


@transaction.atomic
def project_switch_method(
    *, actor, project: Project, method: str, method_condition: str, reason: str, approval_reference: str = ""
) -> Project:
    """After a failed purchase, switch method (e.g. to competitive negotiation because the tender failed, 第三十条)
    with the recorded reason; the method rules apply to the new method."""
    require_acting(actor, project.purchaser.code)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("须写明变更采购方式的理由")})
    if method == project.method:
        raise ValidationError({"method": _("新采购方式与原方式相同，请选择重新招标")})
    candidate = Project(
        pk=project.pk,
        purchaser=project.purchaser,
        year=project.year,
        budget=project.budget,
        in_central_catalogue=project.in_central_catalogue,
        method=method,
        method_condition=method_condition,
        approval_reference=(approval_reference or "").strip(),
        original_contract=project.original_contract,
    )
    fail(_method_errors(candidate))
    old_method = project.get_method_display()
    with set_actor(actor):
        return project_step(
            actor,
            project,
            "switch_method",
            note=f"{old_method} → {Method(method).label}：{reason.strip()}",
            method=method,
            method_condition=method_condition,
            approval_reference=candidate.approval_reference,
            failure_reason=reason.strip(),
            round=project.round + 1,
            announced_on=today(),
        )


@transaction.atomic
def project_terminate(*, actor, project: Project, reason: str) -> Project:
    """End the project early with the reason (the contract, if any, is ended separately by a sanction)."""
    require_acting(actor, project.purchaser.code)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("须写明终止原因")})
    with set_actor(actor):
        return project_step(actor, project, "terminate", note=reason.strip())


@transaction.atomic
def project_mark_evaluated(*, actor, project: Project, note: str = "") -> Project:
    """The performance evaluation (一(六)) is done: called by the evaluation app when it publishes a result."""
    require_acting(actor, project.purchaser.code)
    with set_actor(actor):
        return project_step(actor, project, "evaluate", note=note)


@transaction.atomic
def project_mark_evaluated_if_due(*, actor, project: Project, note: str = "") -> Project:
    """Mark the project evaluated when its stage allows it (supervision or taken over), else leave it as it is.

    Called by evaluation when it publishes a result (一(六)): a project already past the evaluation stage, or not
    yet there, is not an error for the publisher.
    """
    if (project.status, "evaluate") not in PROJECT_TRANSITIONS:
        return project
    return project_mark_evaluated(actor=actor, project=project, note=note)


@transaction.atomic
def project_close(*, actor, project: Project, note: str = "") -> Project:
    """Close a project whose contracts have all ended (accepted, terminated)."""
    require_acting(actor, project.purchaser.code)
    running = project.contracts.exclude(status__in=(ContractStatus.COMPLETED, ContractStatus.TERMINATED))
    if project.status == ProjectStatus.EVALUATED and running.exists():
        raise Conflict(_("尚有合同未验收或终止，不能结项"), code="contract_running")
    with set_actor(actor):
        return project_step(actor, project, "close", note=note)
