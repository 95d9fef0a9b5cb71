"""Supervision of a running contract (事中事后监管, 粤民发〔2018〕170号 一(四), 一(七)): checks against the standards,
rectification, financial reports and the acceptance at the end."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from core.uploads import document_problem
from core.workflow import apply_transition
from regions.audit import set_actor

from ..choices import (
    AcceptanceResult,
    ContractStatus,
    ObligationStatus,
)
from ..models import (
    Acceptance,
    Contract,
    FinancialReport,
    MonitoringOutput,
    MonitoringRecord,
    ThirdPartyPayment,
)
from ..rules import delivery_errors, delivery_is_subcontracted, payment_errors, payment_is_subcontracted
from .common import check, fail, money_or_error, require_acting, today
from .subcontracting import finding_from_check, findings_from_report


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
            standard_id = int(standard_id)  # type: ignore[arg-type]  # None → TypeError, caught
        except (TypeError, ValueError):
            standard_id = None
        if standard_id not in standards:
            errors["outputs"] = _("服务产出须对应本合同的服务标准")
            continue
        if not (entry.get("actual") or "").strip():
            errors["outputs"] = _("须填写实际完成情况")
            continue
        seen.add(standard_id)
        rows.append(
            MonitoringOutput(
                standard=standards[standard_id], actual=entry["actual"].strip(), met=bool(entry.get("met"))
            )
        )
    if require_all and set(standards) - seen:
        errors["outputs"] = _("验收须逐项核对全部服务标准")
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
    delivered_by: str = "",
    delivery_staff: str = "",
    third_party: str = "",
) -> MonitoringRecord:
    """A supervision check during the contract (事中监管): output against the standards, problems found and the
    rectification demanded, and who delivered the service (严禁服务转包, 一(七)): a delivery by anyone but the
    contractor's own staff raises a subcontracting finding and notifies the purchaser."""
    require_acting(actor, contract.project.purchaser.code)
    if contract.status not in (ContractStatus.ACTIVE, ContractStatus.SUSPENDED):
        raise Conflict(_("只能对履行中的合同开展监管检查"), code="illegal_transition")
    errors = delivery_errors(
        delivered_by=delivered_by, delivery_staff=delivery_staff or "", third_party=third_party or ""
    )
    rows = _outputs(contract, outputs, errors, require_all=False)
    if not rows and "outputs" not in errors:
        errors["outputs"] = _("须至少核对一项服务标准")
    if rectification_demanded.strip() and not rectification_due:
        errors["rectification_due"] = _("提出整改要求须写明整改期限")
    if rectification_due and rectification_due < checked_on:
        errors["rectification_due"] = _("整改期限不能早于检查日期")
    if checked_on > today():
        errors["checked_on"] = _("检查日期不能在将来")
    if any(not r.met for r in rows) and not problems.strip():
        errors["problems"] = _("有未达标项时须写明发现的问题")
    fail(errors)
    record = MonitoringRecord(
        contract=contract,
        checked_on=checked_on,
        inspector=actor,
        problems=problems.strip(),
        rectification_demanded=rectification_demanded.strip(),
        rectification_due=rectification_due,
        delivered_by=delivered_by,
        delivery_staff=(delivery_staff or "").strip() if not delivery_is_subcontracted(delivered_by) else "",
        third_party=(third_party or "").strip() if delivery_is_subcontracted(delivered_by) else "",
    )
    check(record)
    with set_actor(actor):
        record.save()
        for row in rows:
            row.record = record
            row.save()
        if delivery_is_subcontracted(delivered_by):
            finding_from_check(record)
    return record


@transaction.atomic
def monitoring_rectified(
    *, actor, record: MonitoringRecord, rectified_on: dt.date, note: str
) -> MonitoringRecord:
    """Record that the demanded rectification was done."""
    require_acting(actor, record.contract.project.purchaser.code)
    if not record.rectification_demanded:
        raise ValidationError({"rectified_on": _("该检查没有整改要求")})
    if record.rectified_on:
        raise Conflict(_("整改已登记完成"))
    if rectified_on < record.checked_on or not (note or "").strip():
        fail({"rectified_on": _("须写明整改情况，日期不早于检查日期")})
    with set_actor(actor):
        updated = MonitoringRecord.objects.filter(pk=record.pk, rectified_on=None).update(
            rectified_on=rectified_on, rectification_note=note.strip()
        )
        if not updated:
            raise Conflict(_("整改已登记完成"))
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
    payments=(),
) -> FinancialReport:
    """The contractor's periodic financial report (健全财务报告制度, 一(七)); periods may not overlap. `payments`
    lists its payments to third parties ({payee, amount, purpose, note}); each payment for the service itself is a
    subcontracting finding (严禁服务转包, 一(七)) and the purchaser is notified."""
    require_acting(actor, contract.project.purchaser.code)
    if contract.status == ContractStatus.SIGNED:
        raise Conflict(_("合同尚未开始履行"), code="illegal_transition")
    errors: dict[str, str] = {}
    values = {
        name: money_or_error(v, name, errors)
        for name, v in (("received", received), ("spent", spent), ("staff_costs", staff_costs))
    }
    if period_end < period_start:
        errors["period_end"] = _("报告期止不能早于报告期起")
    elif contract.financial_reports.filter(
        period_start__lte=period_end, period_end__gte=period_start
    ).exists():
        errors["period_start"] = _("与已报送的报告期重叠")
    staff, spent_total = values["staff_costs"], values["spent"]
    if staff is not None and spent_total is not None and staff > spent_total:
        errors["staff_costs"] = _("人员支出不能超过总支出")
    payments = [_payment(p, errors) for p in payments]
    errors.update(payment_errors(payments))
    if document and (problem := document_problem(document)):
        errors["document"] = problem
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
        rows = [ThirdPartyPayment.objects.create(report=report, **p) for p in payments]
        findings_from_report(report, [r for r in rows if payment_is_subcontracted(r.purpose)])
    return report


def _payment(entry, errors: dict) -> dict:
    """One payment to a third party as typed (API or form): the amount read as money."""
    entry = dict(entry or {})
    amount = (
        money_or_error(entry.get("amount"), "payments", errors) if entry.get("amount") is not None else None
    )
    return {
        "payee": str(entry.get("payee") or "").strip()[:200],
        "amount": amount,
        "purpose": entry.get("purpose") or "",
        "note": str(entry.get("note") or "").strip()[:200],
    }


@transaction.atomic
def acceptance_record(
    *, actor, contract: Contract, checked_on: dt.date, outputs: list[dict], note: str = ""
) -> Acceptance:
    """The acceptance check at the end (检查验收, 一(四)): every standard checked; it passes only when every
    standard is met. The contract is then completed and its open obligations done."""
    require_acting(actor, contract.project.purchaser.code)
    if contract.status not in (ContractStatus.ACTIVE, ContractStatus.SUSPENDED):
        raise Conflict(
            _("合同当前状态为“{get_status_display}”，不能验收").format(
                get_status_display=contract.get_status_display()
            ),
            code="illegal_transition",
        )
    errors: dict[str, str] = {}
    rows = _outputs(contract, outputs, errors, require_all=True)
    if checked_on > today():
        errors["checked_on"] = _("验收日期不能在将来")
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
