"""Demo data: per county in the scale's scope, contractors with eligibility reviews, a local condition, and
projects in every stage (closed, under supervision with a rectification, taken over, purchasing with bids being
scored, failed and switched to negotiation, published, selected), plus one debarment. Idempotent (a county that
has its demo contractors is skipped).

Everything goes through the real services; to date the steps in the past the clock is set back while each step
runs (`timezone.now` / `localdate` patched, demo only), so events, award and acceptance dates stay consistent.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from stdnum.cn import uscc

from regions.choices import RegionLevel
from regions.demo import SCALE_SCOPE
from regions.models import Region

from . import services
from .choices import REQUIRED_CONDITIONS, Method
from .models import CatalogueItem, Contractor, Project

COUNTIES = {"county": 1, "city": 11, "province": 200}
NAMES = [
    ("52", "social_org", "{city}启明社会工作服务中心"),
    ("52", "social_org", "{city}乐善社会工作服务社"),
    ("51", "social_org", "{city}社会救助服务协会"),
    ("12", "public_welfare_2", "{city}社会福利服务指导中心"),
    ("91", "enterprise", "{city}康护养老服务有限公司"),
    ("52", "social_org", "{city}同心社区服务中心"),
]
STANDARDS = [
    {"dimension": "quantity", "indicator": "上门照料服务人次", "target": "≥1200人次/年"},
    {"dimension": "quality", "indicator": "服务对象满意率", "target": "≥90%"},
    {"dimension": "timeliness", "indicator": "接单后上门时限", "target": "≤24小时"},
]
CRITERIA = [
    {"name": "价格", "weight": "30", "is_price": True},
    {"name": "服务方案", "weight": "40"},
    {"name": "团队与资质", "weight": "30"},
]


def _code(prefix: str, county: str, n: int) -> str:
    body = f"{prefix}{county}{n:09d}"[:17]
    return body + uscc.calc_check_digit(body)


@contextlib.contextmanager
def _on(day: dt.date):
    """Run services as if it were `day` (10:00 Shanghai time)."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    with (
        mock.patch("django.utils.timezone.now", return_value=moment),
        mock.patch("django.utils.timezone.localdate", return_value=day),
    ):
        yield


def _conditions(met: bool = True) -> list[dict]:
    return [
        {"condition": c, "met": met, "evidence_note": "已查验原件，复印件存档"} for c in REQUIRED_CONDITIONS
    ]


def _contractors(actor, county: Region, city_name: str, today: dt.date) -> list[Contractor]:
    made = []
    for n, (prefix, kind, name) in enumerate(NAMES, start=1):
        made.append(
            services.contractor_create(
                actor=actor,
                region=county,
                name=name.format(city=city_name),
                credit_code=_code(prefix, county.code, n),
                kind=kind,
                legal_representative="陈" + "明华静丽强伟"[n - 1],
                contact_name="联络员",
                contact_phone=f"1380000{n:04d}",
                address=f"{county.name}政务服务中心附近",
            )
        )
    reviewed = dt.date(today.year - 2, 1, 10)
    for contractor in made[:5]:
        for work_kind in ("service", "transactional"):
            with _on(reviewed):
                services.review_create(
                    actor=actor,
                    contractor=contractor,
                    region=county,
                    work_kind=work_kind,
                    conditions=_conditions(),
                    reviewed_on=reviewed,
                )
    with _on(reviewed):
        services.review_create(
            actor=actor,
            contractor=made[5],
            region=county,
            work_kind="service",
            conditions=_conditions()[:4]
            + [{"condition": "finance", "met": False, "evidence_note": "未建立独立的财务会计制度"}],
            reviewed_on=reviewed,
            note="财务制度不健全，暂不具备承接条件",
        )
    return made


def _project(actor, county, year, title, items, budget, **extra) -> Project:
    return services.project_create(
        actor=actor,
        purchaser=county,
        year=year,
        title=title,
        items=items,
        budget=Decimal(budget),
        funding_source=extra.pop("funding_source", "work_funds"),
        method=extra.pop("method", Method.OPEN_TENDER),
        standards=STANDARDS,
        criteria=CRITERIA,
        **extra,
    )


def _purchase(actors, project, bidders, prices, scores, day: dt.date, award: bool = True) -> None:
    actor = actors[0]
    with _on(day):
        services.project_publish(actor=actor, project=project, bid_deadline=day + dt.timedelta(days=20))
    with _on(day + dt.timedelta(days=21)):
        services.project_open(actor=actor, project=project)
        bids = [
            services.bid_submit(
                actor=actor,
                project=project,
                contractor=c,
                price=Decimal(p),
                submitted_on=day + dt.timedelta(days=18),
            )
            for c, p in zip(bidders, prices, strict=True)
        ]
        criteria = list(project.criteria.filter(is_price=False).order_by("id"))
        for evaluator in actors:
            for bid, values in zip(bids, scores, strict=False):
                services.bid_score(
                    actor=evaluator, bid=bid, scores={c.pk: v for c, v in zip(criteria, values, strict=True)}
                )
        if award:
            services.project_award(actor=actor, project=project, note="评审委员会按综合评分法评审")


def _contract(actor, project, number, start: dt.date, standby=None) -> object:
    plan = {
        "party": "standby_contractor" if standby else "purchaser_staff",
        "standby_contractor": standby,
        "staff_description": "" if standby else "街道社会救助经办人员2名、社区协理员4名",
        "triggers": "承接主体连续3个工作日未按合同提供服务，或出现严重违约、停业等不能履约情形",
        "handover": "按服务对象名册逐户交接，24小时内完成首次上门，交接清单双方签字",
    }
    with _on(start - dt.timedelta(days=10)):
        contract = services.contract_create(
            actor=actor,
            project=project,
            number=number,
            amount=project.awarded_bid.price,
            signed_on=start - dt.timedelta(days=10),
            start_date=start,
            end_date=start + dt.timedelta(days=364),
            obligations=[
                {"description": "特困供养人员上门照料", "recipients": 48},
                {"description": "低保家庭困难老人探访", "recipients": 120},
                {"description": "临时救助对象心理疏导", "recipients": 30},
            ],
            takeover_plan=plan,
        )
    with _on(start):
        services.contract_start(actor=actor, contract=contract)
    return contract


def _seed_county(county: Region, actors, today: dt.date, out) -> None:
    actor = actors[0]
    city = county.parent.name if county.parent else ""
    c = _contractors(actor, county, city.removesuffix("市") or county.name, today)
    care = list(
        CatalogueItem.objects.filter(code__in=["S-care-tekun", "S-care-dibao", "S-counselling-temporary"])
    )
    screening = list(CatalogueItem.objects.filter(code__in=["T-screening-dibao", "T-means_test-dibao"]))
    last = today.year - 1
    townships = list(Region.objects.filter(parent=county, level=RegionLevel.TOWNSHIP).order_by("code")[:2])

    # 1. closed: last year, the whole way through
    with _on(dt.date(last, 1, 15)):
        p = _project(actor, county, last, f"{county.name}{last}年特困人员照料护理服务项目", care, "1500000")
    _purchase(
        actors,
        p,
        c[:3],
        ("1380000", "1450000", "1200000"),
        [(34, 25), (37, 27), (25, 18)],
        dt.date(last, 2, 1),
    )
    contract = _contract(actor, p, f"{county.code}-{last}-001", dt.date(last, 4, 1))
    standards = list(contract.standards.all())
    with _on(dt.date(last, 9, 1)):
        services.monitoring_record(
            actor=actor,
            contract=contract,
            checked_on=dt.date(last, 9, 1),
            outputs=[{"standard": s.pk, "actual": "按进度完成", "met": True} for s in standards],
        )
        services.financial_report_submit(
            actor=actor,
            contract=contract,
            period_start=dt.date(last, 4, 1),
            period_end=dt.date(last, 9, 30),
            received=Decimal("700000"),
            spent=Decimal("655000"),
            staff_costs=Decimal("480000"),
            note="半年度财务报告",
        )
    with _on(dt.date(today.year, 3, 25)):
        services.acceptance_record(
            actor=actor,
            contract=contract,
            checked_on=dt.date(today.year, 3, 25),
            outputs=[{"standard": s.pk, "actual": "达标", "met": True} for s in standards],
            note="验收合格",
        )
        services.project_mark_evaluated(actor=actor, project=p, note="三方绩效评价：良好")
        services.project_close(actor=actor, project=p, note="项目结项")

    # 2. under supervision with a rectification demanded
    with _on(dt.date(today.year, 1, 10)):
        p = _project(
            actor,
            county,
            today.year,
            f"{county.name}{today.year}年困难群众探访与心理疏导服务项目",
            care,
            "980000",
            method=Method.CONSULTATION,
            method_condition="service_purchase",
        )
    _purchase(actors, p, c[1:3], ("900000", "960000"), [(36, 26), (33, 24)], dt.date(today.year, 1, 20))
    contract = _contract(actor, p, f"{county.code}-{today.year}-001", dt.date(today.year, 3, 1))
    standards = list(contract.standards.all())
    check = today - dt.timedelta(days=20)
    with _on(check):
        services.monitoring_record(
            actor=actor,
            contract=contract,
            checked_on=check,
            outputs=[
                {"standard": standards[0].pk, "actual": "完成进度的78%", "met": False},
                {"standard": standards[2].pk, "actual": "平均18小时", "met": True},
            ],
            problems="上门照料人次落后于进度",
            rectification_demanded="增派护理员2名，每周报送服务台账",
            rectification_due=check + dt.timedelta(days=30),
        )

    # 3. taken over: the contractor stopped, the standby contractor took over
    if townships:
        purchaser = townships[0]
        with _on(dt.date(today.year, 1, 12)):
            p = _project(
                actor,
                purchaser,
                today.year,
                f"{purchaser.name}{today.year}年社会救助对象排查服务项目",
                screening,
                "600000",
                method=Method.BELOW_LIMIT,
            )
        _purchase(actors, p, [c[4]], ("560000",), [(30, 22)], dt.date(today.year, 1, 25))
        contract = _contract(
            actor, p, f"{purchaser.code}-{today.year}-001", dt.date(today.year, 3, 1), standby=c[0]
        )
        with _on(today - dt.timedelta(days=40)):
            services.takeover_activate(
                actor=actor, contract=contract, reason="承接主体经营异常，连续5个工作日未提供服务"
            )

    # 4. purchasing: bids in, scoring under way
    with _on(today - dt.timedelta(days=40)):
        p = _project(
            actor,
            county,
            today.year,
            f"{county.name}{today.year + 1}年低保家庭家计调查服务项目",
            screening,
            "2300000",
            method=Method.OPEN_TENDER,
        )
    _purchase(
        actors[:1],
        p,
        c[:3],
        ("2100000", "2250000", "1980000"),
        [(35, 26), (30, 24)],
        today - dt.timedelta(days=35),
        award=False,
    )

    # 5. failed open tender, switched to competitive negotiation (approval needed at this budget)
    with _on(today - dt.timedelta(days=30)):
        p = _project(actor, county, today.year, f"{county.name}特困人员送医陪护服务项目", care, "2100000")
        services.project_publish(actor=actor, project=p, bid_deadline=today - dt.timedelta(days=10))
    with _on(today - dt.timedelta(days=9)):
        services.project_open(actor=actor, project=p)
        services.bid_submit(
            actor=actor,
            project=p,
            contractor=c[1],
            price=Decimal("2000000"),
            submitted_on=today - dt.timedelta(days=12),
        )
        services.project_fail(actor=actor, project=p, reason="截止时仅1家供应商响应，招标失败")
        services.project_switch_method(
            actor=actor,
            project=p,
            method=Method.NEGOTIATION,
            method_condition="tender_failed",
            approval_reference=f"{city or '市'}财采〔{today.year}〕{county.code[-2:]}号",
            reason="公开招标失败，经批准转为竞争性谈判",
        )

    # 6. published, 7. selected
    with _on(today - dt.timedelta(days=5)):
        p = _project(
            actor,
            county,
            today.year,
            f"{county.name}社会救助政策宣传服务项目",
            list(CatalogueItem.objects.filter(code="T-publicity-dibao")),
            "300000",
            method=Method.BELOW_LIMIT,
        )
        services.project_publish(actor=actor, project=p, bid_deadline=today + dt.timedelta(days=15))
    _project(
        actor,
        county,
        today.year + 1,
        f"{county.name}{today.year + 1}年临时救助对象资源链接服务项目",
        list(CatalogueItem.objects.filter(code="S-resource_linking-temporary")),
        "450000",
        method=Method.BELOW_LIMIT,
    )

    # a debarment for fraud (province-wide)
    services.sanction_open(
        actor=actor,
        contractor=c[5],
        kind="fraud",
        reason="在资格审查中提供虚假的社工资格证明材料",
        penalty=Decimal("5000"),
        debar_from=today - dt.timedelta(days=60),
        debar_to=today + dt.timedelta(days=3 * 365),
        region=county,
    )
    out.write(f"  {county.name}：承接主体 6 家、项目 7 个（各阶段）、禁入 1 家")


def seed(*, scale: str, out) -> None:
    User = get_user_model()
    admin = User.objects.get(username="admin")
    scope = SCALE_SCOPE[scale]
    counties = list(
        Region.objects.filter(level=RegionLevel.COUNTY, code__startswith=scope.prefix, synthetic=False)
        .select_related("parent")
        .order_by("code")[: COUNTIES[scale]]
    )
    today = timezone.localdate()
    out.write(f"政府购买服务：{len(counties)} 个县（市、区）")
    for county in counties:
        if Contractor.objects.filter(credit_code=_code(NAMES[0][0], county.code, 1)).exists():
            continue
        county_admin = (
            User.objects.filter(username="tianhe_admin").first() if county.code == "440106" else None
        )
        actors = [county_admin or admin, admin] if county_admin else [admin]
        with transaction.atomic():
            _seed_county(county, actors, today, out)
