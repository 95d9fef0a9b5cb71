"""Factories and helpers for evaluation tests."""

from __future__ import annotations

import copy

from evaluation import services
from evaluation.models import EvaluationTemplate
from tests.factories.identifiers import credit_code as _credit_code

PARTIES = [
    {
        "party": "recipient",
        "weight": "50",
        "indicators": [
            {"dimension": "effectiveness", "name": "服务满足需要", "weight": "40"},
            {"dimension": "management", "name": "服务准时", "weight": "30"},
            {"dimension": "social_impact", "name": "愿意推荐", "weight": "30"},
        ],
    },
    {
        "party": "purchaser",
        "weight": "25",
        "indicators": [
            {"dimension": "effectiveness", "name": "达到服务标准", "weight": "50"},
            {"dimension": "management", "name": "管理规范", "weight": "25"},
            {"dimension": "social_impact", "name": "社会评价", "weight": "25"},
        ],
    },
    {
        "party": "third_party",
        "weight": "25",
        "indicators": [
            {"dimension": "effectiveness", "name": "目标完成", "weight": "50"},
            {"dimension": "management", "name": "档案管理", "weight": "25"},
            {"dimension": "social_impact", "name": "社会影响", "weight": "25"},
        ],
    },
]


def template_parties(**weights) -> list[dict]:
    """The three parties with three indicators each; `weights` overrides party weights (recipient=…)."""
    parties = copy.deepcopy(PARTIES)
    for p in parties:
        if p["party"] in weights:
            p["weight"] = str(weights[p["party"]])
    return parties


def template_payload(region_code: str | None, **extra) -> dict:
    payload = {
        "name": "居家照料服务评价",
        "region": region_code,
        "service_category": "照料护理",
        "parties": PARTIES,
    }
    payload.update(extra)
    return payload


def make_template(region=None, *, min_sample: int = 3, **extra) -> EvaluationTemplate:
    """A template of `region` (None: province-wide) created through the service as a superuser."""
    from django.contrib.auth import get_user_model

    root, _ = get_user_model().objects.get_or_create(username="factory_root", defaults={"is_superuser": True})
    return services.template_create(
        actor=root,
        name=extra.pop("name", "测试模板"),
        region=region,
        parties=template_parties(),
        min_sample=min_sample,
        **extra,
    )


def default_template() -> EvaluationTemplate:
    return EvaluationTemplate.objects.get(region__isnull=True, is_default=True)


# --- contracts (procurement's public models) and evaluations -----------------------------------------------

_seq = {"n": 0}


def credit_code(n: int | None = None, prefix: str = "52") -> str:
    """A valid unified social credit code (GB 32100-2015)."""
    if n is None:
        _seq["n"] += 1
        n = _seq["n"]
    body = f"{prefix}440106{n:09d}"[:17]
    return _credit_code(body)


def make_contract(region, *, status: str = "active", contractor=None, recipients: int = 0, **extra):
    """A contract whose project's purchaser is `region` (created through procurement's models directly)."""
    import datetime as dt
    from decimal import Decimal

    from procurement import models as p

    _seq["n"] += 1
    n = _seq["n"]
    if contractor is None:
        contractor = p.Contractor.objects.create(
            name=f"广州市星光社会工作服务中心{n}",
            credit_code=credit_code(n),
            kind="social_org",
            legal_representative="张三",
            region=region,
        )
    project = p.Project.objects.create(
        purchaser=region,
        year=2026,
        title=extra.pop("title", f"特困人员照料护理服务项目{n}"),
        budget=Decimal("500000.00"),
        funding_source="work_funds",
        method="below_limit",
        status="supervision",
    )
    contract = p.Contract.objects.create(
        project=project,
        contractor=contractor,
        number=f"HT-2026-{n:04d}",
        amount=Decimal("450000.00"),
        signed_on=dt.date(2026, 1, 10),
        start_date=dt.date(2026, 2, 1),
        end_date=extra.pop("end_date", dt.date(2026, 12, 31)),
        status=status,
        **extra,
    )
    if recipients:
        p.ServiceObligation.objects.create(contract=contract, description="上门照料", recipients=recipients)
    return contract


def superuser():
    from django.contrib.auth import get_user_model

    root, _ = get_user_model().objects.get_or_create(username="factory_root", defaults={"is_superuser": True})
    return root


def make_evaluation(region, *, template=None, contract=None, period: str = "2026年度", **extra):
    """An evaluation in progress of a new contract in `region` (template: a fresh one with min sample 3)."""
    contract = contract or make_contract(region)
    template = template or make_template(None, name="测试模板", min_sample=3)
    return services.evaluation_create(
        actor=superuser(), contract=contract, period=period, template=template, **extra
    )


def indicator_ids(evaluation, party: str) -> list[int]:
    return list(evaluation.template.parties.get(party=party).indicators.values_list("pk", flat=True))


def score_all(evaluation, party: str, value) -> None:
    services.score_enter(
        actor=superuser(),
        evaluation=evaluation,
        party=party,
        scores=[{"indicator": i, "value": str(value)} for i in indicator_ids(evaluation, party)],
    )


def answer_all(evaluation, value: int, count: int = 1, channel: str = "window") -> None:
    """`count` responses answering every question `value`; the aggregation queued on commit runs too."""
    from django.test import TestCase

    for _ in range(count):
        with TestCase.captureOnCommitCallbacks(execute=True):
            services.response_submit(
                actor=superuser(),
                survey=evaluation.survey,
                channel=channel,
                answers={str(i): value for i in indicator_ids(evaluation, "recipient")},
            )


def ready_to_publish(evaluation, *, recipient: int = 5, purchaser="90", third_party="90"):
    """Evaluator assigned, purchaser and third party scored, three survey answers (the test template's minimum)."""
    services.evaluation_assign_evaluator(
        actor=superuser(),
        evaluation=evaluation,
        name="广州市评估研究院",
        credit_code=credit_code(prefix="12"),
    )
    score_all(evaluation, "purchaser", purchaser)
    score_all(evaluation, "third_party", third_party)
    answer_all(evaluation, recipient, count=3)
    evaluation.refresh_from_db()
    return evaluation
