"""Contracts, takeover plans, supervision, financial reports, acceptance and takeover (粤民发〔2018〕170号 一(四),
一(五), 一(七))."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from core.exceptions import Conflict
from core.workflow import apply_transition
from regions.audit import set_actor

from ..choices import (
    AcceptanceResult,
    ContractStatus,
    ObligationHolder,
    ObligationStatus,
    ProjectStatus,
    TakeoverParty,
)
from ..models import (
    Acceptance,
    Contract,
    Contractor,
    ContractStandard,
    FinancialReport,
    MonitoringOutput,
    MonitoringRecord,
    Project,
    ServiceObligation,
    TakeoverPlan,
)
from ..rules import contract_errors, takeover_plan_errors
from ..selectors import debarred_contractor_ids
from .common import check, fail, require_acting, today
from .projects import _step


def _money(value, field: str, errors: dict) -> Decimal | None:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        errors[field] = "须为金额 / must be an amount"
        return None
    if amount < 0:
        errors[field] = "金额不能为负 / must not be negative"
    return amount


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
            f"项目当前阶段为“{project.get_status_display()}”，须先确定承接主体 / sign only after the award",
            code="illegal_transition",
        )
    errors: dict[str, str] = {}
    value = _money(amount, "amount", errors)
    if value is not None and value <= 0:
        errors["amount"] = "合同金额须大于0 / the amount must be positive"
    if value is not None and not errors:
        errors.update(contract_errors(amount=value, budget=project.budget, start=start_date, end=end_date))
    if not (number or "").strip():
        errors["number"] = "须填写合同编号 / the contract number is required"
    elif Contract.objects.filter(number=number.strip()).exists():
        errors["number"] = "合同编号已存在 / this contract number exists"
    contractor = project.awarded_bid.contractor
    if debarred_contractor_ids([contractor.pk], signed_on):
        errors["contractor"] = "成交承接主体处于禁入期内，不能签订合同 / the contractor is debarred"
    rows = obligations or [
        {"description": f"{item.name}（{item.get_assistance_display()}）", "recipients": 0}
        for item in project.items.all()
    ]
    for row in rows:
        if not (row.get("description") or "").strip():
            errors["obligations"] = "每项服务义务须有说明 / every obligation needs a description"
    plan_errors = {}
    if takeover_plan is not None:
        plan_errors = _plan_errors(takeover_plan, contractor, signed_on)
        errors.update({f"takeover_plan.{k}": v for k, v in plan_errors.items()})
    fail(errors)
    contract = Contract(
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
        contract.save()
        for standard in project.standards.all():
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
        _step(actor, project, "contract", note=f"合同{contract.number}，金额{contract.amount}元")
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
        errors["standby_contractor"] = "备用承接主体处于禁入期内 / the standby contractor is debarred"
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
        raise Conflict("预案已启动，不能修改 / the plan has been activated", code="plan_activated")
    if contract.status in (ContractStatus.COMPLETED, ContractStatus.TERMINATED):
        raise Conflict("合同已结束 / the contract has ended", code="contract_ended")
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
            f"合同当前状态为“{contract.get_status_display()}”，不能开始履行 / only a signed contract can start",
            code="illegal_transition",
        )
    if not TakeoverPlan.objects.filter(contract=contract).exists():
        fail(
            {
                "takeover_plan": "合同开始履行前须制定临时接管预案（接管方、启动条件、交接方式） / a contract cannot "
                "start without a temporary takeover plan"
            }
        )
    with set_actor(actor):
        apply_transition(Contract.objects, contract, ContractStatus.ACTIVE, started_at=timezone.now())
        project = contract.project
        if project.status == ProjectStatus.CONTRACTED:
            _step(actor, project, "start", note=f"合同{contract.number}开始履行")
    return contract


def _outputs(
    contract: Contract, outputs: list[dict], errors: dict, *, require_all: bool
) -> list[MonitoringOutput]:
    standards = {s.pk: s for s in contract.standards.all()}
    rows = []
    seen = set()
    for entry in outputs:
        standard = entry.get("standard")
        standard_id = getattr(standard, "pk", standard)
        try:
            standard_id = int(standard_id)
        except (TypeError, ValueError):
            standard_id = None
        if standard_id not in standards:
            errors["outputs"] = (
                "服务产出须对应本合同的服务标准 / outputs must refer to this contract's standards"
            )
            continue
        if not (entry.get("actual") or "").strip():
            errors["outputs"] = "须填写实际完成情况 / state the actual output"
            continue
        seen.add(standard_id)
        rows.append(
            MonitoringOutput(
                standard=standards[standard_id], actual=entry["actual"].strip(), met=bool(entry.get("met"))
            )
        )
    if require_all and set(standards) - seen:
        errors["outputs"] = "验收须逐项核对全部服务标准 / acceptance checks every service standard"
    return rows


@transaction.atomic
def monitoring_record(
    *,
    actor,
    contract: Contract,
    checked_on: dt.date,
    outputs: list[dict],
    problems: str = "",
    rectification_demanded: str = "",
    rectification_due: dt.date | None = None,
) -> MonitoringRecord:
    """A supervision check during the contract (事中监管): output against the standards, problems found and the
    rectification demanded."""
    require_acting(actor, contract.project.purchaser.code)
    if contract.status not in (ContractStatus.ACTIVE, ContractStatus.SUSPENDED):
        raise Conflict(
            "只能对履行中的合同开展监管检查 / only a running contract is monitored", code="illegal_transition"
        )
    errors: dict[str, str] = {}
    rows = _outputs(contract, outputs, errors, require_all=False)
    if not rows and "outputs" not in errors:
        errors["outputs"] = "须至少核对一项服务标准 / check at least one standard"
    if rectification_demanded.strip() and not rectification_due:
        errors["rectification_due"] = "提出整改要求须写明整改期限 / a rectification needs a due date"
    if rectification_due and rectification_due < checked_on:
        errors["rectification_due"] = "整改期限不能早于检查日期 / due before the check"
    if checked_on > today():
        errors["checked_on"] = "检查日期不能在将来 / the check date is in the future"
    if any(not r.met for r in rows) and not problems.strip():
        errors["problems"] = "有未达标项时须写明发现的问题 / describe the problems when a standard is not met"
    fail(errors)
    record = MonitoringRecord(
        contract=contract,
        checked_on=checked_on,
        inspector=actor,
        problems=problems.strip(),
        rectification_demanded=rectification_demanded.strip(),
        rectification_due=rectification_due,
    )
    check(record)
    with set_actor(actor):
        record.save()
        for row in rows:
            row.record = record
            row.save()
    return record


@transaction.atomic
def monitoring_rectified(
    *, actor, record: MonitoringRecord, rectified_on: dt.date, note: str
) -> MonitoringRecord:
    """Record that the demanded rectification was done."""
    require_acting(actor, record.contract.project.purchaser.code)
    if not record.rectification_demanded:
        fail({"rectified_on": "该检查没有整改要求 / no rectification was demanded"})
    if record.rectified_on:
        raise Conflict("整改已登记完成 / the rectification is already recorded")
    if rectified_on < record.checked_on or not (note or "").strip():
        fail(
            {"rectified_on": "须写明整改情况，日期不早于检查日期 / describe it, dated on or after the check"}
        )
    with set_actor(actor):
        updated = MonitoringRecord.objects.filter(pk=record.pk, rectified_on=None).update(
            rectified_on=rectified_on, rectification_note=note.strip()
        )
        if not updated:
            raise Conflict("整改已登记完成 / the rectification is already recorded")
        record.refresh_from_db()
    return record


@transaction.atomic
def financial_report_submit(
    *,
    actor,
    contract: Contract,
    period_start: dt.date,
    period_end: dt.date,
    received,
    spent,
    staff_costs=0,
    note: str = "",
    document=None,
) -> FinancialReport:
    """The contractor's periodic financial report (健全财务报告制度, 一(七)); periods may not overlap."""
    require_acting(actor, contract.project.purchaser.code)
    if contract.status == ContractStatus.SIGNED:
        raise Conflict("合同尚未开始履行 / the contract has not started", code="illegal_transition")
    errors: dict[str, str] = {}
    values = {
        name: _money(v, name, errors)
        for name, v in (("received", received), ("spent", spent), ("staff_costs", staff_costs))
    }
    if period_end < period_start:
        errors["period_end"] = "报告期止不能早于报告期起 / the period ends before it starts"
    elif contract.financial_reports.filter(
        period_start__lte=period_end, period_end__gte=period_start
    ).exists():
        errors["period_start"] = "与已报送的报告期重叠 / overlaps a period already reported"
    if not errors and values["staff_costs"] > values["spent"]:
        errors["staff_costs"] = "人员支出不能超过总支出 / staff costs exceed spending"
    fail(errors)
    report = FinancialReport(
        contract=contract,
        period_start=period_start,
        period_end=period_end,
        note=note,
        submitted_by=actor if getattr(actor, "is_authenticated", False) else None,
        **values,
    )
    if document is not None:
        report.document = document
    check(report)
    with set_actor(actor):
        report.save()
    return report


@transaction.atomic
def acceptance_record(
    *, actor, contract: Contract, checked_on: dt.date, outputs: list[dict], note: str = ""
) -> Acceptance:
    """The acceptance check at the end (检查验收, 一(四)): every standard checked; it passes only when every
    standard is met. The contract is then completed and its open obligations done."""
    require_acting(actor, contract.project.purchaser.code)
    if contract.status not in (ContractStatus.ACTIVE, ContractStatus.SUSPENDED):
        raise Conflict(
            f"合同当前状态为“{contract.get_status_display()}”，不能验收 / only a running contract is accepted",
            code="illegal_transition",
        )
    errors: dict[str, str] = {}
    rows = _outputs(contract, outputs, errors, require_all=True)
    if checked_on > today():
        errors["checked_on"] = "验收日期不能在将来 / the date is in the future"
    fail(errors)
    result = AcceptanceResult.PASSED if all(r.met for r in rows) else AcceptanceResult.FAILED
    acceptance = Acceptance(
        contract=contract, checked_on=checked_on, inspector=actor, result=result, note=note
    )
    check(acceptance)
    with set_actor(actor):
        apply_transition(Contract.objects, contract, ContractStatus.COMPLETED)
        acceptance.save()
        for row in rows:
            row.acceptance = acceptance
            row.save()
        contract.obligations.filter(status=ObligationStatus.OPEN).update(status=ObligationStatus.DONE)
    return acceptance


@transaction.atomic
def takeover_activate(*, actor, contract: Contract, reason: str) -> TakeoverPlan:
    """Activate the takeover plan when the contractor cannot deliver (一(七)): the contract is suspended, the plan's
    party takes over, and every open service obligation moves to it — the plan records how many were open and how
    many moved, and the two must agree, so no recipient loses service."""
    require_acting(actor, contract.project.purchaser.code)
    if not (reason or "").strip():
        fail({"reason": "须写明启动原因 / state why the plan is activated"})
    plan = TakeoverPlan.objects.select_for_update().filter(contract=contract).first()
    if plan is None:
        fail({"takeover_plan": "该合同没有临时接管预案 / the contract has no takeover plan"})
    if plan.activated_at:
        raise Conflict("预案已启动 / the plan has already been activated", code="plan_activated")
    if contract.status != ContractStatus.ACTIVE:
        raise Conflict(
            f"合同当前状态为“{contract.get_status_display()}”，不能启动接管 / only a running contract is taken over",
            code="illegal_transition",
        )
    now = timezone.now()
    holder = (
        ObligationHolder.STANDBY_CONTRACTOR
        if plan.party == TakeoverParty.STANDBY_CONTRACTOR
        else ObligationHolder.PURCHASER_STAFF
    )
    with set_actor(actor):
        apply_transition(Contract.objects, contract, ContractStatus.SUSPENDED)
        open_ids = list(
            contract.obligations.filter(
                status=ObligationStatus.OPEN, holder=ObligationHolder.CONTRACTOR
            ).values_list("pk", flat=True)
        )
        moved = ServiceObligation.objects.filter(pk__in=open_ids).update(
            holder=holder, holder_contractor=plan.standby_contractor, transferred_at=now
        )
        if moved != len(open_ids):
            raise Conflict("服务义务移交不完整，已回滚 / not every obligation moved; nothing was changed")
        plan.activated_at = now
        plan.activated_by = actor if getattr(actor, "is_authenticated", False) else None
        plan.activation_reason = reason.strip()
        plan.obligations_open = len(open_ids)
        plan.obligations_moved = moved
        plan.save()
        project = contract.project
        if project.status == ProjectStatus.SUPERVISION:
            _step(
                actor,
                project,
                "takeover",
                note=f"{reason.strip()}；由{plan.standby_contractor or plan.get_party_display()}接管，"
                f"移交服务义务{moved}/{len(open_ids)}项",
            )
    return plan
