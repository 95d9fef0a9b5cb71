"""Fixtures for procurement tests: catalogue items, eligible contractors, a project ready for bids."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from procurement import services
from procurement.choices import Method
from procurement.models import CatalogueItem
from tests.factories.procurement import ContractorFactory

FIVE = ("civil_liability", "facilities", "staff", "governance", "finance")


def all_conditions(met: bool = True, **overrides) -> list[dict]:
    rows = [{"condition": c, "met": met, "evidence_note": f"{c} 材料已核验"} for c in FIVE]
    for name, value in overrides.items():
        rows = [r for r in rows if r["condition"] != name] + ([value] if value else [])
    return rows


STANDARDS = [
    {"dimension": "quantity", "indicator": "上门照料服务人次", "target": "≥1200人次"},
    {"dimension": "quality", "indicator": "服务对象满意率", "target": "≥90%"},
    {"dimension": "timeliness", "indicator": "接单后上门时限", "target": "≤24小时"},
]
CRITERIA = [
    {"name": "价格", "weight": "30", "is_price": True},
    {"name": "服务方案", "weight": "40"},
    {"name": "团队与资质", "weight": "30"},
]


@pytest.fixture
def care_item(db):
    return CatalogueItem.objects.get(code="S-care-tekun")


@pytest.fixture
def eligible(regions, actors):
    """eligible(n=3, region=county_a) → n contractors with a passed service review by the county."""

    def make(n: int = 3, region=None, reviewed_on=dt.date(2026, 1, 2)):
        region = region or regions.county_a
        actor = actors.county_admin if region.code.startswith("440106") else actors.outsider
        made = []
        for _ in range(n):
            contractor = ContractorFactory()
            services.review_create(
                actor=actor,
                contractor=contractor,
                region=region,
                work_kind="service",
                conditions=all_conditions(),
                reviewed_on=reviewed_on,
            )
            made.append(contractor)
        return made

    return make


@pytest.fixture
def project_kwargs(regions, care_item):
    def make(**overrides):
        params = dict(
            purchaser=regions.county_a,
            year=2026,
            title="天河区特困人员照料护理服务项目",
            items=[care_item],
            budget=Decimal("1500000.00"),
            funding_source="work_funds",
            method=Method.OPEN_TENDER,
            standards=STANDARDS,
            criteria=CRITERIA,
        )
        params.update(overrides)
        return params

    return make


@pytest.fixture
def purchasing(actors, project_kwargs):
    """A project in the purchasing stage: purchasing(**overrides) → project."""

    def make(**overrides):
        project = services.project_create(actor=actors.county_admin, **project_kwargs(**overrides))
        services.project_publish(actor=actors.county_admin, project=project)
        services.project_open(actor=actors.county_admin, project=project)
        return project

    return make


def score_all(actor, project, values: dict[int, tuple]):
    """values: {bid id: (score per non-price criterion in order)}"""
    criteria = list(project.criteria.filter(is_price=False).order_by("id"))
    for bid in project.bids.filter(round=project.round):
        if bid.pk in values:
            services.bid_score(
                actor=actor, bid=bid, scores={c.pk: v for c, v in zip(criteria, values[bid.pk], strict=True)}
            )


@pytest.fixture
def awarded(actors, eligible, purchasing):
    """An awarded open-tender project with three scored bids: returns a namespace."""
    project = purchasing()
    a, b, c = eligible(3)
    bids = [
        services.bid_submit(actor=actors.county_admin, project=project, contractor=x, price=p)
        for x, p in ((a, "1200000"), (b, "1400000"), (c, "1000000"))
    ]
    score_all(
        actors.county_admin, project, {bids[0].pk: (35, 25), bids[1].pk: (38, 28), bids[2].pk: (20, 15)}
    )
    services.project_award(actor=actors.county_admin, project=project)
    project.refresh_from_db()
    return SimpleNamespace(project=project, bids=bids, contractors=(a, b, c))


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded evidence and bid documents go to a temporary folder, not var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


PLAN_PAYLOAD = {
    "party": "purchaser_staff",
    "staff_description": "区社会救助经办人员3名",
    "triggers": "承接主体连续3个工作日未提供服务",
    "handover": "按服务对象名册逐户交接，24小时内完成",
}
