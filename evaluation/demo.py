"""Demo data for evaluation: evaluations of the contracts procurement's demo made, in every state a county sees —
published 优秀/良好/合格, a 不合格 with its rectification, one still collecting questionnaires (with one-time codes
for the public survey page). Idempotent: a contract that already has the demo period is left alone.

Responses are bulk-inserted and aggregated once per survey (the service path queues one aggregation per response,
which is right for a window but slow for thousands of demo rows); everything else goes through the services.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import cast

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from procurement.models import Contract
from regions.demo import SCALE_SCOPE, demo_credit_code, generated_history

from . import services
from .choices import Party, ResponseChannel
from .models import Evaluation, SurveyResponse
from .services.evaluations import EVALUABLE_CONTRACT_STATUSES
from .services.surveys import questions

PERIOD = "合同期满评价"
LIMIT = {"county": 40, "city": 150, "province": 400}

#: (answer weights for 5..1, purchaser score, third-party score) per profile
PROFILES = {
    "excellent": ((70, 30, 0, 0, 0), 93, 91),
    "good": ((30, 60, 10, 0, 0), 85, 83),
    "pass": ((5, 40, 45, 10, 0), 74, 70),
    "fail": ((0, 5, 30, 45, 20), 55, 50),
    "open": ((40, 40, 15, 5, 0), 80, None),
}
ORDER = ["good", "fail", "open", "excellent", "pass", "good", "open", "excellent"]
EVALUATORS = [
    ("广东省社会工作评估研究院", "12440000"),
    ("广州市公益事业第三方评估中心", "52440100"),
    ("华南社会服务绩效评价有限公司", "91440101"),
]


def _code(prefix: str, n: int) -> str:
    body = f"{prefix}{n:09d}"[:17]
    return demo_credit_code(body)


def _seed_one(actor, contract, profile: str, n: int, today) -> list[str] | str | None:
    rng = random.Random(contract.pk)
    weights, purchaser, third = PROFILES[profile]
    population = rng.randint(60, 160)
    evaluation = services.evaluation_create(
        actor=actor, contract=contract, period=PERIOD, population=population, due_date=contract.end_date
    )
    name, prefix = EVALUATORS[n % len(EVALUATORS)]
    code = _code(prefix, 900 + n % len(EVALUATORS))
    if code != contract.contractor.credit_code:
        services.evaluation_assign_evaluator(actor=actor, evaluation=evaluation, name=name, credit_code=code)
    survey = evaluation.survey
    keys = [str(q.pk) for q in questions(survey)]
    count = (
        rng.randint(12, 20) if profile == "open" else rng.randint(survey.min_sample, survey.min_sample + 40)
    )
    channels = [
        ResponseChannel.WINDOW,
        ResponseChannel.PHONE,
        ResponseChannel.HOME_VISIT,
        ResponseChannel.PUBLIC_LINK,
    ]
    SurveyResponse.objects.bulk_create(
        [
            SurveyResponse(
                survey=survey,
                channel=rng.choice(channels),
                answers={k: rng.choices([5, 4, 3, 2, 1], weights=weights)[0] for k in keys},
                submitted_on=today,
            )
            for _ in range(count)
        ]
    )
    services.survey_aggregate(survey_id=survey.pk)
    template = evaluation.template
    for party, base in ((Party.PURCHASER, purchaser), (Party.THIRD_PARTY, third)):
        if base is None or (party == Party.THIRD_PARTY and code == contract.contractor.credit_code):
            continue
        rows = [
            {"indicator": i.pk, "value": str(Decimal(min(100, max(0, base + rng.randint(-4, 4)))))}
            for i in template.parties.get(party=party).indicators.all()
        ]
        services.score_enter(actor=actor, evaluation=evaluation, party=party, scores=rows)
    if profile == "open":
        codes = services.invitations_issue(actor=actor, survey=survey, count=5)
        return [c.code for c in codes]
    result = services.evaluation_publish(
        actor=actor,
        evaluation=evaluation,
        summary="服务按合同约定提供，满意度调查与三方评分已完成。",
        rectification_requirements="补齐服务档案，重新培训服务人员，每月报送整改进度。",
        rectification_deadline=today + dt.timedelta(days=60),
        today=today,
    )
    return result.grade


def seed(*, scale: str, out) -> None:
    scope = SCALE_SCOPE[scale]
    actor = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    contracts = list(
        Contract.objects.filter(
            project__purchaser__code__startswith=scope.prefix, status__in=EVALUABLE_CONTRACT_STATUSES
        )
        .exclude(evaluations__period=PERIOD)
        .select_related("project__purchaser", "contractor")
        .order_by("end_date", "pk")[: LIMIT[scale]]
    )
    if actor is None or not contracts:
        out.write(
            "[evaluation] no contracts in progress to evaluate (procurement demo first); nothing to add"
        )
        return
    today = timezone.localdate()
    made, codes = 0, cast(list[str], [])
    for n, contract in enumerate(contracts):
        profile = ORDER[n % len(ORDER)]
        with transaction.atomic(), generated_history(scale, contract.project.purchaser.code):
            outcome = _seed_one(actor, contract, profile, n, today)
        made += 1
        if isinstance(outcome, list):
            codes += outcome
    published = Evaluation.objects.filter(period=PERIOD, status="published").count()
    out.write(f"[evaluation] {made} evaluations added ({published} published in all)")
    if codes:
        out.write(f"[evaluation] public survey codes (/evaluation/s/): {' '.join(codes[:5])}")
