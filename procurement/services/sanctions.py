"""Sanctions and debarment (粤民发〔2018〕170号 一(七))."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.workflow import apply_transition
from regions import access
from regions.audit import set_actor
from regions.choices import ADMIN_ROLES, RegionLevel
from regions.models import Region

from ..choices import ContractStatus, SanctionKind
from ..models import Bid, Contract, Contractor, EligibilityReview, Sanction, TakeoverPlan
from ..rules import PROJECT_TRANSITIONS
from .common import check, project_step, today
from .contracts import hand_over


@transaction.atomic
def sanction_open(
    *,
    actor,
    contractor: Contractor,
    kind: str,
    reason: str,
    penalty: Decimal | None = None,
    debar_from: dt.date | None = None,
    debar_to: dt.date | None = None,
    contract: Contract | None = None,
    terminate_contract: bool = False,
    region: Region | None = None,
) -> Sanction:
    """Record a sanction of `contractor`: a penalty, optionally the termination of `contract`, and optionally a
    debarment from `debar_from` to `debar_to` (both ends included) that refuses its bids in the whole province.

    The deciding region is the contract's purchaser, else `region`, lifted to its county; the actor must be a county
    admin there and the contractor must have a contract, bid or review there (`require_decider`).
    Called by evaluation when a failed evaluation has serious findings.
    """
    errors: dict[str, str] = {}
    if contract is not None:
        if contract.contractor_id != contractor.pk:
            errors["contract"] = _("合同不属于该承接主体")
        region = contract.project.purchaser
    if region is None:
        errors["region"] = _("须指明作出处理的区域或相关合同")
    if kind not in SanctionKind.values:
        errors["kind"] = _("未知的违规类型")
    if not (reason or "").strip():
        errors["reason"] = _("须写明事实与理由")
    if (debar_from is None) != (debar_to is None):
        errors["debar_to"] = _("禁入期限须同时填写起止日期")
    elif debar_from and debar_to and debar_to < debar_from:
        errors["debar_to"] = _("禁入截止日期不能早于起始日期")
    if terminate_contract and contract is None:
        errors["contract"] = _("终止合同须指明合同")
    if errors or region is None:
        raise ValidationError(errors)
    region = require_decider(actor, contractor, region)
    sanction = Sanction(
        contractor=contractor,
        region=region,
        contract=contract,
        kind=kind,
        reason=reason.strip(),
        penalty=penalty,
        terminates_contract=terminate_contract,
        debar_from=debar_from,
        debar_to=debar_to,
        decided_on=today(),
        decided_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    check(sanction)
    with set_actor(actor):
        sanction.save()
        if terminate_contract and contract is not None:
            _terminate(actor, contract, sanction)
    return sanction


def deciding_region(region: Region) -> Region:
    """A township's or village's decision is the county's: a sanction is decided at county level or above."""
    while region.level in (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE) and region.parent is not None:
        region = region.parent
    return region


def require_decider(actor, contractor: Contractor, named: Region) -> Region:
    """The deciding region for `named` (the contract's purchaser or the region given), checked: only a county admin
    (or a county admin granted higher up) of a region where the contractor has a contract, a bid or an eligibility
    review decides a sanction (issue 12 item 4). `named` out of scope 404, in scope without the right 403."""
    region = deciding_region(named)
    if actor is None:
        return region
    access.require_visible(actor, named.code)
    if not access.has_role(actor, region.code, ADMIN_ROLES):
        raise PermissionDenied(_("处罚与禁入须由县级以上民政部门管理员决定"))
    code = region.code
    tied = (
        Contract.objects.filter(contractor=contractor, project__purchaser__code__startswith=code).exists()
        or Bid.objects.filter(contractor=contractor, project__purchaser__code__startswith=code).exists()
        or EligibilityReview.objects.filter(contractor=contractor, region__code__startswith=code).exists()
    )
    if not tied:
        raise PermissionDenied(
            _("该承接主体在%(region)s没有合同、响应或资格审查记录，不能由本区域作出处理")
            % {"region": region.name}
        )
    return region


def _terminate(actor, contract: Contract, sanction: Sanction) -> None:
    """End the contract and its project (按照合同约定终止合同执行); every open service obligation passes to the
    takeover party of the plan at once (一(七), domain.md 12): a termination never leaves recipients with the
    terminated contractor."""
    if contract.status in (ContractStatus.COMPLETED, ContractStatus.TERMINATED):
        raise ValidationError({"contract": _("合同已结束，不能再终止")})
    apply_transition(Contract.objects, contract, ContractStatus.TERMINATED)
    reason = f"因{sanction.get_kind_display()}终止合同：{sanction.reason}"
    plan = TakeoverPlan.objects.select_for_update().filter(contract=contract, activated_at=None).first()
    if plan is not None:
        hand_over(actor, contract, plan, reason)
    project = contract.project
    project.refresh_from_db()
    if (project.status, "terminate") in PROJECT_TRANSITIONS:
        project_step(actor, project, "terminate", note=reason)
