"""Factories and helpers for evaluation tests."""

from __future__ import annotations

import copy

from evaluation import services
from evaluation.models import EvaluationTemplate

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
