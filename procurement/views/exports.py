"""Excel export of projects and contracts in the caller's scope."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required

from core.db import reads_from_replica
from core.tabular import xlsx_response

from ..filters import ContractFilterSet, ProjectFilterSet
from ..models import Contract, Project

PROJECT_HEADERS = [
    "项目编号",
    "年度",
    "购买主体",
    "区划代码",
    "项目名称",
    "购买内容",
    "预算金额（元）",
    "资金来源",
    "集中采购目录",
    "采购方式",
    "适用情形",
    "批准文号",
    "阶段",
    "公告日期",
    "成交日期",
    "成交承接主体",
    "统一社会信用代码",
    "成交价（元）",
]
CONTRACT_HEADERS = [
    "合同编号",
    "项目名称",
    "购买主体",
    "区划代码",
    "承接主体",
    "统一社会信用代码",
    "合同金额（元）",
    "签订日期",
    "开始日期",
    "结束日期",
    "状态",
    "严禁转包条款",
    "临时接管预案",
    "接管方",
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
            "是" if p.in_central_catalogue else "否",
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
    return xlsx_response("购买服务项目.xlsx", [("项目", PROJECT_HEADERS, rows)])


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
                "有" if c.no_subcontracting else "无",
                "已制定" if plan else "未制定",
                (plan.standby_contractor.name if plan.standby_contractor else plan.get_party_display())
                if plan
                else "",
            ]
        )
    return xlsx_response("购买服务合同.xlsx", [("合同", CONTRACT_HEADERS, rows)])
