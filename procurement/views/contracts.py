"""Pages for contracts: signing one for an awarded project, list, detail with standards, takeover plan, obligations, supervision, financial reports,
acceptance and takeover."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, form_errors, run_service
from regions import access
from regions.choices import ADMIN_ROLES
from supervision.selectors import panel as supervision_panel

from .. import services
from ..choices import ContractStatus, FindingStatus, ProjectStatus
from ..filters import ContractFilterSet
from ..forms import ContractForm, ReasonForm, TakeoverPlanForm
from ..models import Contract, FinancialReport, MonitoringRecord, SubcontractingFinding
from ..supervision_forms import (
    AcceptanceForm,
    FinancialReportForm,
    MonitoringForm,
    RectifiedForm,
    SubcontractingSanctionForm,
)
from .projects import project_for


def _contract(request, pk: int) -> Contract:
    qs = Contract.objects.visible_to(request.user).select_related("project__purchaser", "contractor")
    return get_object_or_404(qs, pk=pk)


@login_required
def contract_list(request):
    qs = (
        Contract.objects.visible_to(request.user)
        .select_related("project__purchaser", "contractor")
        .order_by("-signed_on", "-id")
    )
    filterset = ContractFilterSet(request.GET, queryset=qs)
    listing = Listing(request, filterset.qs, CONTRACT_COLUMNS)  # the Excel export is exports.export_contracts
    context = {"filter": filterset, "listing": listing, "page": listing.page}
    return render(request, "procurement/contract_list.html", context)


#: the contract list's sortable columns (issue 14)
CONTRACT_COLUMNS = (
    Column("number", gettext_lazy("合同编号"), ("number",)),
    Column("project", gettext_lazy("项目"), ("project__title",)),
    Column("purchaser", gettext_lazy("购买主体"), ("project__purchaser__code",)),
    Column("contractor", gettext_lazy("承接主体"), ("contractor__name",)),
    Column("amount", gettext_lazy("金额（元）"), ("amount",), css="num"),
    Column("term", pgettext_lazy("合同", "期限"), ("start_date", "end_date")),
    Column("status", gettext_lazy("状态"), ("status",)),
)


@login_required
def contract_detail(request, pk: int):
    contract = _contract(request, pk)
    standards = list(contract.standards.all())
    plan = getattr(contract, "takeover_plan", None)
    can_act = access.has_role(request.user, contract.project.purchaser.code)
    running = contract.status in (ContractStatus.ACTIVE, ContractStatus.SUSPENDED)
    plan_initial = {}
    if plan:
        plan_initial = {
            "party": plan.party,
            "standby_contractor": plan.standby_contractor.credit_code if plan.standby_contractor else "",
            "staff_description": plan.staff_description,
            "triggers": plan.triggers,
            "handover": plan.handover,
        }
    return render(
        request,
        "procurement/contract_detail.html",
        {
            "contract": contract,
            "project": contract.project,
            "standards": standards,
            "plan": plan,
            "obligations": contract.obligations.select_related("holder_contractor"),
            "monitoring": contract.monitoring.select_related("inspector").prefetch_related(
                "outputs__standard"
            ),
            "reports": contract.financial_reports.prefetch_related("third_party_payments"),
            "acceptance": getattr(contract, "acceptance", None),
            "sanctions": contract.sanctions.all(),
            "can_act": can_act,
            "running": running,
            "plan_form": TakeoverPlanForm(initial=plan_initial, prefix="plan")
            if can_act and not (plan and plan.activated_at)
            else None,
            "monitoring_form": MonitoringForm(standards=standards) if can_act and running else None,
            "report_form": FinancialReportForm()
            if can_act and contract.status != ContractStatus.SIGNED
            else None,
            "acceptance_form": AcceptanceForm(standards=standards, prefix="acc")
            if can_act and running
            else None,
            "takeover_form": ReasonForm(prefix="takeover")
            if can_act
            and contract.status in (ContractStatus.ACTIVE, ContractStatus.TERMINATED)
            and plan
            and not plan.activated_at
            else None,
            "rectified_form": RectifiedForm(prefix="rect") if can_act else None,
            "supervision": supervision_panel(request.user, contract),
            "findings": _findings_with_forms(request.user, contract),
        },
    )


def finding_prefix(finding_pk: int) -> str:
    """Each open finding's sanction form has its own prefix, so the page repeats no field id."""
    return f"finding{finding_pk}"


def _findings_with_forms(user, contract: Contract) -> list[tuple[SubcontractingFinding, Any]]:
    """The contract's subcontracting findings, each with its sanction form for the purchaser's admins when it is
    open (else None)."""
    may_sanction = access.has_role(user, contract.project.purchaser.code, ADMIN_ROLES)
    return [
        (
            finding,
            SubcontractingSanctionForm(prefix=finding_prefix(finding.pk))
            if may_sanction and finding.status == FindingStatus.OPEN
            else None,
        )
        for finding in contract.subcontracting_findings.select_related("sanction")
    ]


def _back(pk: int):
    return redirect("procurement:contract_detail", pk=pk)


@login_required
@require_POST
def plan_set(request, pk: int):
    contract = _contract(request, pk)
    form = TakeoverPlanForm(request.POST, prefix="plan")
    if form.is_valid():
        run_service(
            request,
            lambda: services.takeover_plan_set(actor=request.user, contract=contract, **form.cleaned_data),
            success=_("临时接管预案已保存"),
        )
    else:
        form_errors(request, form)
    return _back(pk)


@login_required
@require_POST
def contract_start(request, pk: int):
    contract = _contract(request, pk)
    run_service(
        request,
        lambda: services.contract_start(actor=request.user, contract=contract),
        success=_("合同开始履行，项目进入实施监管"),
    )
    return _back(pk)


@login_required
@require_POST
def monitoring_add(request, pk: int):
    contract = _contract(request, pk)
    form = MonitoringForm(request.POST, standards=contract.standards.all())
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith(("actual_", "met_"))}
        run_service(
            request,
            lambda: services.monitoring_record(
                actor=request.user, contract=contract, outputs=form.outputs(), **data
            ),
            success=_("监管检查记录已保存"),
        )
    else:
        form_errors(request, form)
    return _back(pk)


@login_required
@require_POST
def monitoring_rectified(request, pk: int, record_pk: int):
    contract = _contract(request, pk)
    record = get_object_or_404(MonitoringRecord, pk=record_pk, contract=contract)
    form = RectifiedForm(request.POST, prefix="rect")
    if form.is_valid():
        run_service(
            request,
            lambda: services.monitoring_rectified(actor=request.user, record=record, **form.cleaned_data),
            success=_("整改完成情况已登记"),
        )
    else:
        form_errors(request, form)
    return _back(pk)


@login_required
@require_POST
def report_add(request, pk: int):
    contract = _contract(request, pk)
    form = FinancialReportForm(request.POST, request.FILES)
    if form.is_valid():
        run_service(
            request,
            lambda: services.financial_report_submit(
                actor=request.user, contract=contract, **form.cleaned_data
            ),
            success=_("财务报告已登记"),
        )
    else:
        form_errors(request, form)
    return _back(pk)


@login_required
@require_POST
def acceptance_add(request, pk: int):
    contract = _contract(request, pk)
    form = AcceptanceForm(request.POST, standards=contract.standards.all(), prefix="acc")
    if form.is_valid():
        run_service(
            request,
            lambda: services.acceptance_record(
                actor=request.user,
                contract=contract,
                checked_on=form.cleaned_data["checked_on"],
                outputs=form.outputs(),
                note=form.cleaned_data["note"],
            ),
            success=_("验收已登记"),
        )
    else:
        form_errors(request, form)
    return _back(pk)


@login_required
@require_POST
def takeover(request, pk: int):
    contract = _contract(request, pk)
    form = ReasonForm(request.POST, prefix="takeover")
    if form.is_valid():
        run_service(
            request,
            lambda: services.takeover_activate(actor=request.user, contract=contract, **form.cleaned_data),
            success=_("已启动临时接管，未完成的服务义务已全部移交"),
        )
    else:
        form_errors(request, form)
    return _back(pk)


@login_required
@require_POST
def subcontracting_sanction(request, pk: int, finding_pk: int):
    """The sanction path of a subcontracting finding (严禁服务转包, 一(七)): terminate and take over."""
    contract = _contract(request, pk)
    finding = get_object_or_404(SubcontractingFinding, pk=finding_pk, contract=contract)
    form = SubcontractingSanctionForm(request.POST, prefix=finding_prefix(finding.pk))
    if form.is_valid():
        run_service(
            request,
            lambda: services.subcontracting_sanction(
                actor=request.user, finding=finding, **form.cleaned_data
            ),
            success=_("已依法处理：合同终止，未完成的服务义务已移交接管方"),
        )
    else:
        form_errors(request, form)
    return _back(pk)


@login_required
def report_file(request, pk: int, report_pk: int):
    contract = _contract(request, pk)
    report = get_object_or_404(FinancialReport, pk=report_pk, contract=contract)
    if not report.document:
        raise Http404
    return FileResponse(report.document.open("rb"), as_attachment=True)


@login_required
def contract_create(request, pk: int):
    """Sign the contract of an awarded project, with its takeover plan (a contract cannot start without one)."""
    project = project_for(request, pk)
    if project.status != ProjectStatus.AWARDED:
        messages.error(request, _("项目尚未确定承接主体或已签订合同"))
        return redirect("procurement:project_detail", pk=pk)
    winner = project.awarded_bid
    form = ContractForm(request.POST or None, initial={"amount": winner.price if winner else None})
    plan = TakeoverPlanForm(request.POST or None, prefix="plan")
    if request.method == "POST" and form.is_valid() and plan.is_valid():
        data = dict(form.cleaned_data)
        ok, contract = run_service(
            request,
            lambda: services.contract_create(
                actor=request.user, project=project, takeover_plan=dict(plan.cleaned_data), **data
            ),
            success=_("合同已登记"),
            form=form,
        )
        if ok:
            return redirect("procurement:contract_detail", pk=contract.pk)
    return render(
        request,
        "procurement/contract_form.html",
        {"project": project, "form": form, "plan": plan, "winner": winner},
    )
