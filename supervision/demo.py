"""Demo data for supervision (粤民发〔2018〕170号 一(七) 上级…业务指导和监督): the city of the demo county inspects
and instructs on the county's own region, a contract, a window and a project, and the instructions stand in every
state a county sees — open, answered and waiting for review, sent back, closed.

Everything goes through the services, as the city's viewer and the county's admin would act. The targets are looked
up by their model label (TARGET_KINDS), so this app still imports none of the apps it points at. Idempotent: if the
city's demo account has issued anything, nothing is added.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone

from regions.demo import DEMO_COUNTY
from regions.models import Region

from . import services
from .choices import InstructionKind
from .models import Instruction

CITY_ACCOUNT = "guangzhou"
COUNTY_ACCOUNT = "tianhe_admin"

#: (target label, kind, finding, requirement, days to the deadline, what happens next)
PLAN: list[tuple[str, str, str, str, int, str]] = [
    (
        "regions.region",
        InstructionKind.INSPECTION,
        "抽查发现3个社区未配备社会救助协理员，困难群众申请只能到街道办理。",
        "按每个村（社区）至少1名协理员的要求配齐并报备名单（粤民发〔2018〕170号 二(二)）。",
        30,
        "open",
    ),
    (
        "procurement.contract",
        InstructionKind.INSTRUCTION,
        "合同履约检查记录缺少服务对象签名，入户探访次数无法核实。",
        "补齐近三个月的入户探访记录与服务对象签名，建立月度履约检查台账。",
        20,
        "answered",
    ),
    (
        "windows.servicewindow",
        InstructionKind.INSPECTION,
        "窗口未公示一次性告知清单，首问负责登记不完整。",
        "在窗口醒目位置公示办事指南和一次性告知清单，完善首问登记。",
        15,
        "closed",
    ),
    (
        "procurement.project",
        InstructionKind.INSTRUCTION,
        "项目绩效目标只写“提升服务质量”，没有可考核的数量和时效指标。",
        "按服务数量、质量、时效、满意度细化绩效目标后重新报送。",
        25,
        "returned",
    ),
]

ANSWERS = {
    "rectification": "已逐项整改，补齐相关记录并建立台账，由分管领导每月检查。",
    "evidence": "整改报告（天民〔2026〕12号）及台账扫描件",
}


def _target(label: str) -> models.Model | None:
    """The demo county's first record of a target kind (its own region for regions.region)."""
    if label == "regions.region":
        return Region.objects.filter(code=DEMO_COUNTY).first()
    model: Any = apps.get_model(label)
    path = getattr(model, "REGION_CODE_PATH", "region__code")
    target: models.Model | None = (
        model.objects.filter(**{f"{path}__startswith": DEMO_COUNTY}).order_by("pk").first()
    )
    return target


def _advance(instruction: Instruction, outcome: str, *, city, county) -> None:
    if outcome == "open":
        return
    services.instruction_answer(actor=county, instruction=instruction, **ANSWERS)
    if outcome == "closed":
        services.instruction_close(actor=city, instruction=instruction, note="整改到位，予以办结。")
    elif outcome == "returned":
        services.instruction_return(
            actor=city, instruction=instruction, note="绩效指标仍未量化到季度，请补充后再报。"
        )


@transaction.atomic
def seed(*, scale: str, out: Any) -> None:
    User = get_user_model()
    city = User.objects.filter(username=CITY_ACCOUNT).first()
    county = User.objects.filter(username=COUNTY_ACCOUNT).first()
    if city is None or county is None or Instruction.objects.filter(created_by=city).exists():
        out.write("supervision: nothing to add")
        return
    today = timezone.localdate()
    made = 0
    for label, kind, finding, requirement, days, outcome in PLAN:
        target = _target(label)
        if target is None:
            continue
        instruction = services.instruction_issue(
            actor=city,
            target=target,
            kind=kind,
            finding=finding,
            requirement=requirement,
            deadline=today + dt.timedelta(days=days),
        )
        _advance(instruction, outcome, city=city, county=county)
        made += 1
    out.write(f"supervision: {made} instructions from {CITY_ACCOUNT} to {DEMO_COUNTY}")
