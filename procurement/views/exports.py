"""Excel export of projects and contracts in the caller's scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.db import reads_from_replica
from core.tabular import xlsx_response

from ..filters import ContractFilterSet, ProjectFilterSet
from ..models import Contract, Project

PROJECT_HEADERS = [
    gettext_lazy("项目编号"),
    gettext_lazy("年度"),
    gettext_lazy("购买主体"),
    gettext_lazy("区划代码"),
    gettext_lazy("项目名称"),
    gettext_lazy("购买内容"),
    gettext_lazy("预算金额（元）"),
    gettext_lazy("资金来源"),
    gettext_lazy("集中采购目录"),
    gettext_lazy("采购方式"),
    gettext_lazy("适用情形"),
    gettext_lazy("批准文号"),
    gettext_lazy("阶段"),
    gettext_lazy("公告日期"),
    gettext_lazy("成交日期"),
    gettext_lazy("成交承接主体"),
    gettext_lazy("统一社会信用代码"),
    gettext_lazy("成交价（元）"),
]
CONTRACT_HEADERS = [
    gettext_lazy("合同编号"),
    gettext_lazy("项目名称"),
    gettext_lazy("购买主体"),
    gettext_lazy("区划代码"),
    gettext_lazy("承接主体"),
    gettext_lazy("统一社会信用代码"),
    gettext_lazy("合同金额（元）"),
    gettext_lazy("签订日期"),
    gettext_lazy("开始日期"),
    gettext_lazy("结束日期"),
    gettext_lazy("状态"),
    gettext_lazy("严禁转包条款"),
    gettext_lazy("临时接管预案"),
    gettext_lazy("接管方"),
]


@login_required
@reads_from_replica
def export_projects(request):
    qs = (
        Project.objects.visible_to(request.user)
        .select_related("purchaser", "awarded_bid__contractor")
        .prefetch_related("items")
        .order_by("-year", "purchaser__code", "id")
    )
    qs = ProjectFilterSet(request.GET, queryset=qs).qs
    rows = (
        [
            p.pk,
            p.year,
            p.purchaser.name,
            p.purchaser.code,
            p.title,
            "、".join(i.name for i in p.items.all()),
            p.budget,
            p.get_funding_source_display(),
            _("是") if p.in_central_catalogue else _("否"),
            p.get_method_display(),
            p.get_method_condition_display() if p.method_condition else "",
            p.approval_reference,
            p.get_status_display(),
            p.announced_on,
            p.awarded_on,
            p.awarded_bid.contractor.name if p.awarded_bid else "",
            p.awarded_bid.contractor.credit_code if p.awarded_bid else "",
            p.awarded_bid.price if p.awarded_bid else "",
        ]
        for p in qs
    )
    return xlsx_response(_("购买服务项目.xlsx"), [(_("项目"), [str(h) for h in PROJECT_HEADERS], rows)])


@login_required
@reads_from_replica
def export_contracts(request):
    qs = (
        Contract.objects.visible_to(request.user)
        .select_related("project__purchaser", "contractor", "takeover_plan__standby_contractor")
        .order_by("-signed_on", "id")
    )
    qs = ContractFilterSet(request.GET, queryset=qs).qs
    rows = []
    for c in qs:
        plan = getattr(c, "takeover_plan", None)
        rows.append(
            [
                c.number,
                c.project.title,
                c.project.purchaser.name,
                c.project.purchaser.code,
                c.contractor.name,
                c.contractor.credit_code,
                c.amount,
                c.signed_on,
                c.start_date,
                c.end_date,
                c.get_status_display(),
                _("有") if c.no_subcontracting else _("无"),
                _("已制定") if plan else _("未制定"),
                (plan.standby_contractor.name if plan.standby_contractor else plan.get_party_display())
                if plan
                else "",
            ]
        )
    return xlsx_response(_("购买服务合同.xlsx"), [(_("合同"), [str(h) for h in CONTRACT_HEADERS], rows)])
