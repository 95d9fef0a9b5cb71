"""Published evaluation results kept where contractors are chosen (粤民发〔2018〕170号 一(六): results are
"作为以后年度选择承接主体的重要参考依据"). Evaluation pushes each result here when it publishes it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from ..models import Contract, ContractorResult


@transaction.atomic
def contractor_result_record(
    *,
    contract: Contract,
    period: str,
    grade: str,
    failed: bool,
    score: Decimal,
    published_on: dt.date,
    evaluation_ref: int,
    url: str,
) -> ContractorResult:
    """Record (or correct) the published result of one evaluation of `contract`: its period, grade as published
    (e.g. "不合格"), whether it failed, the total score, the day it was published and its public page.
    The evaluation's id (`evaluation_ref`) keeps one row per evaluation."""
    result, _ = ContractorResult.objects.update_or_create(
        evaluation_ref=evaluation_ref,
        defaults={
            "contractor_id": contract.contractor_id,
            "contract": contract,
            "period": period,
            "grade": grade,
            "failed": failed,
            "score": score,
            "published_on": published_on,
            "url": url,
        },
    )
    return result
