"""Building blocks of the procurement demo: contractors with reviews, a project, its purchase, its contract;
`on(day)` runs services as if it were that day."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from unittest import mock

from django.utils import timezone

from regions.demo import demo_credit_code
from regions.models import Region

from .. import services
from ..choices import REQUIRED_CONDITIONS, Method
from ..models import Contract, Contractor, Project

COUNTIES = {"county": 1, "city": 11, "province": 200}


NAMES = [
    ("52", "social_org", "{city}启明社会工作服务中心"),
    ("52", "social_org", "{city}乐善社会工作服务社"),
    ("51", "social_org", "{city}社会救助服务协会"),
    ("12", "public_welfare_2", "{city}社会福利服务指导中心"),
    ("91", "enterprise", "{city}康护养老服务有限公司"),
    ("52", "social_org", "{city}同心社区服务中心"),
]


STANDARDS: list[dict] = [
    {"dimension": "quantity", "indicator": "上门照料服务人次", "target": "≥1200人次/年"},
    {"dimension": "quality", "indicator": "服务对象满意率", "target": "≥90%"},
    {"dimension": "timeliness", "indicator": "接单后上门时限", "target": "≤24小时"},
]


CRITERIA: list[dict] = [
    {"name": "价格", "weight": "30", "is_price": True},
    {"name": "服务方案", "weight": "40"},
    {"name": "团队与资质", "weight": "30"},
]


def code(prefix: str, county: str, n: int) -> str:
    body = f"{prefix}{county}{n:09d}"[:17]
    return demo_credit_code(body)


@contextlib.contextmanager
def on(day: dt.date):
    """Run services as if it were `day` (10:00 Shanghai time)."""
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    with (
        mock.patch("django.utils.timezone.now", return_value=moment),
        mock.patch("django.utils.timezone.localdate", return_value=day),
    ):
        yield


def conditions(met: bool = True) -> list[dict]:
    return [
        {"condition": c, "met": met, "evidence_note": "已查验原件，复印件存档"} for c in REQUIRED_CONDITIONS
    ]


def contractors(actor, county: Region, city_name: str, today: dt.date) -> list[Contractor]:
    made = []
    for n, (prefix, kind, name) in enumerate(NAMES, start=1):
        made.append(
            services.contractor_create(
                actor=actor,
                region=county,
                name=name.format(city=city_name),
                credit_code=code(prefix, county.code, n),
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
            with on(reviewed):
                services.review_create(
                    actor=actor,
                    contractor=contractor,
                    region=county,
                    work_kind=work_kind,
                    conditions=conditions(),
                    reviewed_on=reviewed,
                )
    with on(reviewed):
        services.review_create(
            actor=actor,
            contractor=made[5],
            region=county,
            work_kind="service",
            conditions=conditions()[:4]
            + [{"condition": "finance", "met": False, "evidence_note": "未建立独立的财务会计制度"}],
            reviewed_on=reviewed,
            note="财务制度不健全，暂不具备承接条件",
        )
    return made


def project(actor, county, year, title, items, budget, **extra) -> Project:
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


def purchase(actors, project, bidders, prices, scores, day: dt.date, award: bool = True) -> None:
    actor = actors[0]
    with on(day):
        services.project_publish(actor=actor, project=project, bid_deadline=day + dt.timedelta(days=20))
    with on(day + dt.timedelta(days=21)):
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


def sign_contract(actor, project, number, start: dt.date, standby=None) -> Contract:
    plan = {
        "party": "standby_contractor" if standby else "purchaser_staff",
        "standby_contractor": standby,
        "staff_description": "" if standby else "街道社会救助经办人员2名、社区协理员4名",
        "triggers": "承接主体连续3个工作日未按合同提供服务，或出现严重违约、停业等不能履约情形",
        "handover": "按服务对象名册逐户交接，24小时内完成首次上门，交接清单双方签字",
    }
    with on(start - dt.timedelta(days=10)):
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
    with on(start):
        services.contract_start(actor=actor, contract=contract)
    return contract
