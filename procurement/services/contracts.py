"""Contracts and their takeover plans (粤民发〔2018〕170号 一(五), 一(七)): signing, starting, activating the plan."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from core.workflow import apply_transition
from regions.audit import set_actor

from ..choices import (
    ContractStatus,
    ObligationHolder,
    ObligationStatus,
    ProjectStatus,
    TakeoverParty,
)
from ..models import (
    Contract,
    Contractor,
    ContractStandard,
    Project,
    ServiceObligation,
    TakeoverPlan,
)
from ..rules import contract_errors, takeover_plan_errors
from ..selectors import debarred_contractor_ids
from .common import check, fail, money_or_error, project_step, record_event, require_acting, today


def _obligation_rows(project: Project, obligations: list[dict] | None, errors: dict) -> list[dict]:
    """The service obligations the contract owes: as given, or one per catalogue item of the project."""
    rows = obligations or [
        {"description": f"{item.name}（{item.get_assistance_display()}）", "recipients": 0}
        for item in project.items.all()
    ]
    for row in rows:
        if not (row.get("description") or "").strip():
            errors["obligations"] = _("每项服务义务须有说明")
    return rows


def _contract_save(contract: Contract, rows: list[dict], takeover_plan: dict | None) -> None:
    """Save the contract with the project's standards copied in, its obligations and the plan if given."""
    contract.save()
    for standard in contract.project.standards.all():
        ContractStandard.objects.create(
            contract=contract,
            dimension=standard.dimension,
            indicator=standard.indicator,
            target=standard.target,
        )
    for row in rows:
        ServiceObligation.objects.create(
            contract=contract,
            description=row["description"].strip(),
            recipients=int(row.get("recipients") or 0),
        )
    if takeover_plan is not None:
        _plan_save(contract, takeover_plan)


@transaction.atomic
def contract_create(
    *,
    actor,
    project: Project,
    number: str,
    amount,
    signed_on: dt.date,
    start_date: dt.date,
    end_date: dt.date,
    obligations: list[dict] | None = None,
    takeover_plan: dict | None = None,
) -> Contract:
    """Sign the contract with the awarded contractor: amount ≤ budget (一(五)), the no-subcontracting clause
    (一(七)), the project's service standards copied in, and the service obligations it owes
    ([{"description", "recipients"}]; default one per catalogue item). A takeover plan may be given at once."""
    require_acting(actor, project.purchaser.code)
    if project.status != ProjectStatus.AWARDED or project.awarded_bid is None:
        raise Conflict(
            _("项目当前阶段为“{get_status_display}”，须先确定承接主体").format(
                get_status_display=project.get_status_display()
            ),
            code="illegal_transition",
        )
    errors: dict[str, str] = {}
    value = money_or_error(amount, "amount", errors)
    if value is not None and value <= 0:
        errors["amount"] = _("合同金额须大于0")
    if value is not None and not errors:
        errors.update(contract_errors(amount=value, budget=project.budget, start=start_date, end=end_date))
    if not (number or "").strip():
        errors["number"] = _("须填写合同编号")
    elif Contract.objects.filter(number=number.strip()).exists():
        errors["number"] = _("合同编号已存在")
    contractor = project.awarded_bid.contractor
    if debarred_contractor_ids([contractor.pk], signed_on):
        errors["contractor"] = _("成交承接主体处于禁入期内，不能签订合同")
    rows = _obligation_rows(project, obligations, errors)
    plan_errors = {}
    if takeover_plan is not None:
        plan_errors = _plan_errors(takeover_plan, contractor, signed_on)
        errors.update({f"takeover_plan.{k}": v for k, v in plan_errors.items()})
    fail(errors)
    contract = Contract(  # type: ignore[misc]  # fail(errors) above refused a missing amount
        project=project,
        contractor=contractor,
        number=number.strip(),
        amount=value,
        signed_on=signed_on,
        start_date=start_date,
        end_date=end_date,
        no_subcontracting=True,  # 严禁服务转包: the clause is part of every contract
    )
    check(contract)
    with set_actor(actor):
        _contract_save(contract, rows, takeover_plan)
        project_step(actor, project, "contract", note=f"合同{contract.number}，金额{contract.amount}元")
    return contract


def _plan_errors(data: dict, contractor: Contractor, on: dt.date) -> dict[str, str]:
    standby = data.get("standby_contractor")
    errors = takeover_plan_errors(
        party=data.get("party", ""),
        standby_contractor_id=standby.pk if standby else None,
        contractor_id=contractor.pk,
        staff_description=data.get("staff_description") or "",
        triggers=data.get("triggers") or "",
        handover=data.get("handover") or "",
    )
    if standby and "standby_contractor" not in errors and debarred_contractor_ids([standby.pk], on):
        errors["standby_contractor"] = _("备用承接主体处于禁入期内")
    return errors


def _plan_save(contract: Contract, data: dict) -> TakeoverPlan:
    party = data["party"]
    plan, _ = TakeoverPlan.objects.update_or_create(
        contract=contract,
        defaults={
            "party": party,
            "standby_contractor": data.get("standby_contractor")
            if party == TakeoverParty.STANDBY_CONTRACTOR
            else None,
            "staff_description": (data.get("staff_description") or "").strip(),
            "triggers": data["triggers"].strip(),
            "handover": data["handover"].strip(),
        },
    )
    return plan


@transaction.atomic
def takeover_plan_set(
    *,
    actor,
    contract: Contract,
    party: str,
    triggers: str,
    handover: str,
    standby_contractor: Contractor | None = None,
    staff_description: str = "",
) -> TakeoverPlan:
    """Write (or rewrite, until it is activated) the contract's temporary takeover plan (临时接管预案, 一(七))."""
    require_acting(actor, contract.project.purchaser.code)
    existing = TakeoverPlan.objects.filter(contract=contract).first()
    if existing and existing.activated_at:
        raise Conflict(_("预案已启动，不能修改"), code="plan_activated")
    if contract.status in (ContractStatus.COMPLETED, ContractStatus.TERMINATED):
        raise Conflict(_("合同已结束"), code="contract_ended")
    data = {
        "party": party,
        "triggers": triggers,
        "handover": handover,
        "standby_contractor": standby_contractor,
        "staff_description": staff_description,
    }
    fail(_plan_errors(data, contract.contractor, today()))
    with set_actor(actor):
        return _plan_save(contract, data)


@transaction.atomic
def contract_start(*, actor, contract: Contract) -> Contract:
    """The contract starts (实施监管 begins). Refused without a temporary takeover plan (一(七))."""
    require_acting(actor, contract.project.purchaser.code)
    if contract.status != ContractStatus.SIGNED:
        raise Conflict(
            _("合同当前状态为“{get_status_display}”，不能开始履行").format(
                get_status_display=contract.get_status_display()
            ),
            code="illegal_transition",
        )
    if not TakeoverPlan.objects.filter(contract=contract).exists():
        fail({"takeover_plan": _("合同开始履行前须制定临时接管预案（接管方、启动条件、交接方式）")})
    with set_actor(actor):
        apply_transition(Contract.objects, contract, ContractStatus.ACTIVE, started_at=timezone.now())
        project = contract.project
        if project.status == ProjectStatus.CONTRACTED:
            project_step(actor, project, "start", note=f"合同{contract.number}开始履行")
    return contract


@transaction.atomic
def takeover_activate(*, actor, contract: Contract, reason: str) -> TakeoverPlan:
    """Activate the takeover plan when the contractor cannot deliver (一(七)): a running contract is suspended, a
    terminated one stays terminated (the takeover can always start after termination, domain.md 12), the plan's
    party takes over, and every open service obligation moves to it — the plan records how many were open and how
    many moved, and the two must agree, so no recipient loses service."""
    require_acting(actor, contract.project.purchaser.code)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("须写明启动原因")})
    plan = TakeoverPlan.objects.select_for_update().filter(contract=contract).first()
    if plan is None:
        raise ValidationError({"takeover_plan": _("该合同没有临时接管预案")})
    if plan.activated_at:
        raise Conflict(_("预案已启动"), code="plan_activated")
    if contract.status not in (ContractStatus.ACTIVE, ContractStatus.TERMINATED):
        raise Conflict(
            _("合同当前状态为“{get_status_display}”，不能启动接管").format(
                get_status_display=contract.get_status_display()
            ),
            code="illegal_transition",
        )
    with set_actor(actor):
        if contract.status == ContractStatus.ACTIVE:
            apply_transition(Contract.objects, contract, ContractStatus.SUSPENDED)
        return hand_over(actor, contract, plan, reason.strip())


def hand_over(actor, contract: Contract, plan: TakeoverPlan, reason: str) -> TakeoverPlan:
    """Move every open obligation still with the contractor to the plan's party and mark the plan activated
    (一(七)); called by takeover_activate and by every termination of the contract (domain.md 12)."""
    now = timezone.now()
    holder = (
        ObligationHolder.STANDBY_CONTRACTOR
        if plan.party == TakeoverParty.STANDBY_CONTRACTOR
        else ObligationHolder.PURCHASER_STAFF
    )
    open_ids = list(
        contract.obligations.filter(
            status=ObligationStatus.OPEN, holder=ObligationHolder.CONTRACTOR
        ).values_list("pk", flat=True)
    )
    moved = ServiceObligation.objects.filter(pk__in=open_ids).update(
        holder=holder, holder_contractor=plan.standby_contractor, transferred_at=now
    )
    if moved != len(open_ids):
        raise Conflict(_("服务义务移交不完整，已回滚"))
    plan.activated_at = now
    plan.activated_by = actor if getattr(actor, "is_authenticated", False) else None
    plan.activation_reason = reason
    plan.obligations_open = len(open_ids)
    plan.obligations_moved = moved
    plan.save()
    project = contract.project
    note = f"{reason}；由{plan.standby_contractor or plan.get_party_display()}接管，移交服务义务{moved}/{len(open_ids)}项"
    if project.status == ProjectStatus.SUPERVISION:
        project_step(actor, project, "takeover", note=note)
    else:
        record_event(project, action="takeover", from_status=project.status, actor=actor, note=note)
    return plan
