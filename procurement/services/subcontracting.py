"""Subcontracting findings and their sanction (严禁服务转包, 粤民发〔2018〕170号 一(七)).

A check that saw someone other than the contractor's own staff deliver the service, or a financial report paying a
third party for the service itself, raises a finding on the contract; the purchaser's staff and county admins are
notified at once. A county admin then takes the sanction path: a sanction of kind 服务转包 that terminates the
contract, which hands every open obligation to the takeover party (domain.md 12)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from core.workflow import apply_transition
from regions.access import require_visible, users_with_role
from regions.audit import set_actor
from regions.choices import Role
from regions.notifications import notify

from ..choices import ContractStatus, FindingSource, FindingStatus, SanctionKind
from ..models import FinancialReport, MonitoringRecord, Sanction, SubcontractingFinding, ThirdPartyPayment
from .common import today
from .sanctions import sanction_open

#: who hears of a finding: the purchasing department's staff and the county admins above it
PURCHASER_ROLES = (Role.COUNTY_ADMIN, Role.COUNTY_STAFF, Role.TOWNSHIP_STAFF)


def finding_from_check(record: MonitoringRecord) -> SubcontractingFinding:
    """The finding of a check that saw the service delivered by someone other than the contractor's own staff."""
    finding = SubcontractingFinding.objects.create(
        contract=record.contract,
        source=FindingSource.MONITORING,
        monitoring=record,
        third_party=record.third_party,
        detail=_("%(date)s 监管检查发现服务由“%(party)s”而非承接主体自有人员提供")
        % {"date": f"{record.checked_on:%Y-%m-%d}", "party": record.third_party},
        found_on=record.checked_on,
    )
    _notify_purchaser(finding)
    return finding


def findings_from_report(
    report: FinancialReport, payments: list[ThirdPartyPayment]
) -> list[SubcontractingFinding]:
    """One finding per payment for the service itself to a third party in the report."""
    findings = []
    for payment in payments:
        finding = SubcontractingFinding.objects.create(
            contract=report.contract,
            source=FindingSource.FINANCE,
            report=report,
            payment=payment,
            third_party=payment.payee,
            detail=_("%(start)s 至 %(end)s 财务报告列有向“%(party)s”支付服务费用 %(amount)s 元")
            % {
                "start": f"{report.period_start:%Y-%m-%d}",
                "end": f"{report.period_end:%Y-%m-%d}",
                "party": payment.payee,
                "amount": payment.amount,
            },
            found_on=today(),
        )
        _notify_purchaser(finding)
        findings.append(finding)
    return findings


def _notify_purchaser(finding: SubcontractingFinding) -> None:
    contract = finding.contract
    code = contract.project.purchaser.code
    notify(
        users_with_role([code], PURCHASER_ROLES).get(code, []),
        title=_("合同 %(number)s 发现服务转包线索") % {"number": contract.number},
        body=_(
            "%(detail)s。依照粤民发〔2018〕170号 一(七) 严禁服务转包，请依法处理：终止合同并启动临时接管。"
        )
        % {"detail": finding.detail},
        url=reverse("procurement:contract_detail", args=[contract.pk]) + "#subcontracting",
        kind="procurement_subcontracting",
        key=f"subcontracting_finding:{finding.pk}",
    )


@transaction.atomic
def subcontracting_sanction(
    *,
    actor,
    finding: SubcontractingFinding,
    reason: str,
    penalty: Decimal | None = None,
    debar_from: dt.date | None = None,
    debar_to: dt.date | None = None,
) -> Sanction:
    """Take the sanction path of a finding: a sanction of kind 服务转包 decided by a county admin (sanction_open checks
    who decides), terminating the contract and starting its takeover when it still runs. Of two people acting at
    once one wins; the other gets a 409."""
    require_visible(actor, finding.contract.project.purchaser.code)
    if finding.status != FindingStatus.OPEN:
        raise Conflict(_("该转包线索已依法处理"), code="illegal_transition")
    if not (reason or "").strip():
        raise ValidationError({"reason": _("须写明事实与理由")})
    contract = finding.contract
    with set_actor(actor):
        apply_transition(SubcontractingFinding.objects, finding, FindingStatus.SANCTIONED)
        sanction = sanction_open(
            actor=actor,
            contractor=contract.contractor,
            kind=SanctionKind.SUBCONTRACTING,
            reason=f"{finding.detail}。{reason.strip()}",
            penalty=penalty,
            debar_from=debar_from,
            debar_to=debar_to,
            contract=contract,
            terminate_contract=contract.status not in (ContractStatus.COMPLETED, ContractStatus.TERMINATED),
        )
        SubcontractingFinding.objects.filter(pk=finding.pk).update(sanction=sanction)
        finding.sanction = sanction
    return sanction
