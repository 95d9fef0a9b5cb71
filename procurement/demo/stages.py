"""One county's demo projects, one function per stage they show."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from regions.choices import RegionLevel
from regions.models import Region

from .. import services
from ..choices import Method
from ..models import CatalogueItem, Contractor
from .helpers import contractors, on, project, purchase, sign_contract


@dataclass(frozen=True)
class Scene:
    """One county's demo: who acts, its contractors and catalogue items, today."""

    actors: list
    county: Region
    city: str
    contractors: list[Contractor]
    care: list[CatalogueItem]
    screening: list[CatalogueItem]
    townships: list[Region]
    today: dt.date

    @property
    def actor(self):
        return self.actors[0]

    @property
    def last(self) -> int:
        return self.today.year - 1


def _closed(k: Scene) -> None:
    """1. closed: last year, the whole way through."""
    with on(dt.date(k.last, 1, 15)):
        p = project(
            k.actor, k.county, k.last, f"{k.county.name}{k.last}年特困人员照料护理服务项目", k.care, "1500000"
        )
    purchase(
        k.actors,
        p,
        k.contractors[:3],
        ("1380000", "1450000", "1200000"),
        [(34, 25), (37, 27), (25, 18)],
        dt.date(k.last, 2, 1),
    )
    contract = sign_contract(k.actor, p, f"{k.county.code}-{k.last}-001", dt.date(k.last, 4, 1))
    standards = list(contract.standards.all())
    with on(dt.date(k.last, 9, 1)):
        services.monitoring_record(
            actor=k.actor,
            contract=contract,
            checked_on=dt.date(k.last, 9, 1),
            outputs=[{"standard": s.pk, "actual": "按进度完成", "met": True} for s in standards],
            delivered_by="own_staff",
            delivery_staff="护理员 李敏、陈静、王芳",
        )
        services.financial_report_submit(
            actor=k.actor,
            contract=contract,
            period_start=dt.date(k.last, 4, 1),
            period_end=dt.date(k.last, 9, 30),
            received=Decimal("700000"),
            spent=Decimal("655000"),
            staff_costs=Decimal("480000"),
            note="半年度财务报告",
            payments=[{"payee": "天河区康宁护理用品商行", "amount": Decimal("36000"), "purpose": "goods"}],
        )
    with on(dt.date(k.today.year, 3, 25)):
        services.acceptance_record(
            actor=k.actor,
            contract=contract,
            checked_on=dt.date(k.today.year, 3, 25),
            outputs=[{"standard": s.pk, "actual": "达标", "met": True} for s in standards],
            note="验收合格",
        )
        services.project_mark_evaluated(actor=k.actor, project=p, note="三方绩效评价：良好")
        services.project_close(actor=k.actor, project=p, note="项目结项")


def _under_supervision(k: Scene) -> None:
    """2. under supervision with a rectification demanded."""
    with on(dt.date(k.today.year, 1, 10)):
        p = project(
            k.actor,
            k.county,
            k.today.year,
            f"{k.county.name}{k.today.year}年困难群众探访与心理疏导服务项目",
            k.care,
            "980000",
            method=Method.CONSULTATION,
            method_condition="service_purchase",
        )
    purchase(
        k.actors,
        p,
        k.contractors[1:3],
        ("900000", "960000"),
        [(36, 26), (33, 24)],
        dt.date(k.today.year, 1, 20),
    )
    contract = sign_contract(k.actor, p, f"{k.county.code}-{k.today.year}-001", dt.date(k.today.year, 3, 1))
    standards = list(contract.standards.all())
    check = k.today - dt.timedelta(days=20)
    with on(check):
        services.monitoring_record(
            actor=k.actor,
            contract=contract,
            checked_on=check,
            outputs=[
                {"standard": standards[0].pk, "actual": "完成进度的78%", "met": False},
                {"standard": standards[2].pk, "actual": "平均18小时", "met": True},
            ],
            problems="上门照料人次落后于进度",
            rectification_demanded="增派护理员2名，每周报送服务台账",
            rectification_due=check + dt.timedelta(days=30),
            delivered_by="own_staff",
            delivery_staff="护理员 黄丽、周红",
        )


def _taken_over(k: Scene) -> None:
    """3. taken over: the contractor stopped, the standby contractor took over."""
    if k.townships:
        purchaser = k.townships[0]
        with on(dt.date(k.today.year, 1, 12)):
            p = project(
                k.actor,
                purchaser,
                k.today.year,
                f"{purchaser.name}{k.today.year}年社会救助对象排查服务项目",
                k.screening,
                "600000",
                method=Method.BELOW_LIMIT,
            )
        purchase(k.actors, p, [k.contractors[4]], ("560000",), [(30, 22)], dt.date(k.today.year, 1, 25))
        contract = sign_contract(
            k.actor,
            p,
            f"{purchaser.code}-{k.today.year}-001",
            dt.date(k.today.year, 3, 1),
            standby=k.contractors[0],
        )
        with on(k.today - dt.timedelta(days=40)):
            services.takeover_activate(
                actor=k.actor, contract=contract, reason="承接主体经营异常，连续5个工作日未提供服务"
            )


def _purchasing(k: Scene) -> None:
    """4. purchasing: bids in, scoring under way."""
    with on(k.today - dt.timedelta(days=40)):
        p = project(
            k.actor,
            k.county,
            k.today.year,
            f"{k.county.name}{k.today.year + 1}年低保家庭家计调查服务项目",
            k.screening,
            "2300000",
            method=Method.OPEN_TENDER,
        )
    purchase(
        k.actors[:1],
        p,
        k.contractors[:3],
        ("2100000", "2250000", "1980000"),
        [(35, 26), (30, 24)],
        k.today - dt.timedelta(days=35),
        award=False,
    )


def _switched_method(k: Scene) -> None:
    """5. failed open tender, switched to competitive negotiation (approval needed at this budget)."""
    with on(k.today - dt.timedelta(days=30)):
        p = project(
            k.actor, k.county, k.today.year, f"{k.county.name}特困人员送医陪护服务项目", k.care, "2100000"
        )
        services.project_publish(actor=k.actor, project=p, bid_deadline=k.today - dt.timedelta(days=10))
    with on(k.today - dt.timedelta(days=9)):
        services.project_open(actor=k.actor, project=p)
        services.bid_submit(
            actor=k.actor,
            project=p,
            contractor=k.contractors[1],
            price=Decimal("2000000"),
            submitted_on=k.today - dt.timedelta(days=12),
        )
        services.project_fail(actor=k.actor, project=p, reason="截止时仅1家供应商响应，招标失败")
        services.project_switch_method(
            actor=k.actor,
            project=p,
            method=Method.NEGOTIATION,
            method_condition="tender_failed",
            approval_reference=f"{k.city or '市'}财采〔{k.today.year}〕{k.county.code[-2:]}号",
            reason="公开招标失败，经批准转为竞争性谈判",
        )


def _published_and_selected(k: Scene) -> None:
    """6. published, 7. selected."""
    with on(k.today - dt.timedelta(days=5)):
        p = project(
            k.actor,
            k.county,
            k.today.year,
            f"{k.county.name}社会救助政策宣传服务项目",
            list(CatalogueItem.objects.filter(code="T-publicity-dibao")),
            "300000",
            method=Method.BELOW_LIMIT,
        )
        services.project_publish(actor=k.actor, project=p, bid_deadline=k.today + dt.timedelta(days=15))
    project(
        k.actor,
        k.county,
        k.today.year + 1,
        f"{k.county.name}{k.today.year + 1}年临时救助对象资源链接服务项目",
        list(CatalogueItem.objects.filter(code="S-resource_linking-temporary")),
        "450000",
        method=Method.BELOW_LIMIT,
    )


def _debarment(k: Scene) -> None:
    """A debarment for fraud (province-wide)."""
    services.sanction_open(
        actor=k.actor,
        contractor=k.contractors[5],
        kind="fraud",
        reason="在资格审查中提供虚假的社工资格证明材料",
        penalty=Decimal("5000"),
        debar_from=k.today - dt.timedelta(days=60),
        debar_to=k.today + dt.timedelta(days=3 * 365),
        region=k.county,
    )


STAGES = (
    _closed,
    _under_supervision,
    _taken_over,
    _purchasing,
    _switched_method,
    _published_and_selected,
    _debarment,
)


def seed_county(county: Region, actors, today: dt.date, out) -> None:
    city = county.parent.name if county.parent else ""
    items = CatalogueItem.objects.filter
    k = Scene(
        actors=actors,
        county=county,
        city=city,
        contractors=contractors(actors[0], county, city.removesuffix("市") or county.name, today),
        care=list(items(code__in=["S-care-tekun", "S-care-dibao", "S-counselling-temporary"])),
        screening=list(items(code__in=["T-screening-dibao", "T-means_test-dibao"])),
        townships=list(Region.objects.filter(parent=county, level=RegionLevel.TOWNSHIP).order_by("code")[:2]),
        today=today,
    )
    for stage in STAGES:
        stage(k)
    out.write(f"  {county.name}：承接主体 6 家、项目 7 个（各阶段）、禁入 1 家")
