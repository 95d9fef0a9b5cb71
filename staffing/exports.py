"""Excel exports: the compliance report and the worker roster (cells escaped by core.tabular)."""

from __future__ import annotations

from regions.choices import RegionLevel

from .choices import ComplianceStatus
from .models import ComplianceSnapshot, Worker

STATUS_LABELS = dict(ComplianceStatus.choices)


def compliance_sheets(user, *, period: str, prefix: str) -> list[tuple[str, list[str], list[list]]]:
    """Sheets for one area and period: counties and townships, then villages without a coordinator."""
    rows = (
        ComplianceSnapshot.objects.visible_to(user)
        .filter(period=period, region_code__startswith=prefix)
        .select_related("region")
        .order_by("region_code")
    )
    staff_rows, village_rows = [], []
    for s in rows.iterator(chunk_size=5000):
        if s.level == RegionLevel.VILLAGE:
            if s.status == ComplianceStatus.SHORT:
                village_rows.append(
                    [s.region_code, s.region.name, s.actual_staff, s.computed_at.replace(tzinfo=None)]
                )
            continue
        staff_rows.append(
            [
                s.region_code,
                s.region.name,
                "县（市、区）" if s.level == RegionLevel.COUNTY else "乡镇（街道）",
                s.households,
                s.required_staff,
                s.actual_staff,
                s.shortfall,
                str(STATUS_LABELS.get(s.status, s.status)),
                s.computed_at.replace(tzinfo=None),
            ]
        )
    return [
        (
            f"县乡配备 {period}",
            ["区划代码", "名称", "层级", "救助对象户数", "应配人数", "实配人数", "缺口", "状态", "计算时间"],
            staff_rows,
        ),
        ("无协理员的村（社区）", ["区划代码", "名称", "协理员人数", "计算时间"], village_rows),
    ]


def roster_rows(queryset) -> tuple[list[str], list[list]]:
    headers = [
        "姓名",
        "身份证号（脱敏）",
        "任职区域代码",
        "任职区域",
        "岗位",
        "用工方式",
        "派遣机构",
        "派遣机构统一社会信用代码",
        "学历",
        "全日制",
        "社会工作职业资格",
        "退役军人",
        "熟悉计算机",
        "入职日期",
        "状态",
    ]
    yes = {True: "是", False: "否"}
    rows = [
        [
            w.name,
            w.id_number_masked,
            w.region.code,
            w.region.name,
            w.get_post_display(),
            w.get_employment_display(),
            w.dispatching_org_name,
            w.dispatching_org_credit_code,
            w.get_education_display(),
            yes[w.full_time],
            yes[w.social_work_qualification],
            yes[w.veteran],
            yes[w.computer_literate],
            w.start_date,
            w.get_status_display(),
        ]
        for w in queryset.select_related("region").iterator(chunk_size=2000)
    ]
    return headers, rows


__all__ = ["Worker", "compliance_sheets", "roster_rows"]
