"""Pure rules of the three-party performance evaluation (粤民发〔2018〕170号 一(六), 一(七)): no ORM, no request.

Numbers come in as arguments (they live in data: a template's weights, its grade thresholds, its minimum sample),
so a county or another province changes them without a code change. Scores are on a 0–100 scale with two decimals.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .choices import Dimension, EvaluationStatus, Grade, Party

HUNDRED = Decimal("100")
ZERO = Decimal("0")
CENT = Decimal("0.01")

#: the default template (domain.md section 11): recipients (satisfaction) 50, purchaser 25, third party 25
DEFAULT_PARTY_WEIGHTS: dict[str, Decimal] = {
    Party.RECIPIENT: Decimal("50"),
    Party.PURCHASER: Decimal("25"),
    Party.THIRD_PARTY: Decimal("25"),
}


def q2(value: Decimal) -> Decimal:
    """Round to two decimals, half up (the way a published score is read)."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


# --- templates ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorSpec:
    party: str
    dimension: str
    weight: Decimal
    name: str = ""


def template_errors(
    party_weights: Mapping[str, Decimal], indicators: Sequence[IndicatorSpec]
) -> dict[str, str]:
    """Why a template's weights are not acceptable ({field: bilingual message}); empty when they are.

    - the three parties (purchaser, recipients, third party) are all present and their weights sum to 100;
    - recipient satisfaction carries the largest party weight, strictly above each other party
      (粤民发〔2018〕170号 一(六): 要侧重服务对象对救助服务的满意度评价);
    - each party covers the three dimensions 服务成效、项目管理、社会影响 with at least one indicator, and its
      indicator weights sum to 100; every weight is above 0 and at most 100.
    """
    errors: dict[str, str] = {}
    missing = [p for p in Party.values if p not in party_weights]
    unknown = [p for p in party_weights if p not in Party.values]
    if missing or unknown:
        errors["parties"] = _("评价须由购买主体、服务对象、第三方三方组成（缺少或多出: {value}）").format(
            value=", ".join(missing + unknown)
        )
        return errors
    bad = [p for p, w in party_weights.items() if not (ZERO < Decimal(w) <= HUNDRED)]
    if bad:
        errors["parties"] = _("各方权重须大于0且不超过100")
        return errors
    total = sum((Decimal(w) for w in party_weights.values()), ZERO)
    if total != HUNDRED:
        errors["parties"] = _("三方权重合计须为100，现为{total}").format(total=total)
        return errors
    recipient = Decimal(party_weights[Party.RECIPIENT])
    others = [Decimal(w) for p, w in party_weights.items() if p != Party.RECIPIENT]
    if any(recipient <= w for w in others):
        # 粤民发〔2018〕170号 一(六)
        errors["parties"] = _("服务对象满意度的权重须大于购买主体和第三方各自的权重")
        return errors
    for party in Party.values:
        mine = [i for i in indicators if i.party == party]
        label = Party(party).label
        if any(not (ZERO < Decimal(i.weight) <= HUNDRED) for i in mine):
            errors[f"indicators.{party}"] = _("{label}的指标权重须大于0且不超过100").format(label=label)
            continue
        covered = {i.dimension for i in mine}
        lacking = [str(Dimension(d).label) for d in Dimension.values if d not in covered]
        if lacking:
            errors[f"indicators.{party}"] = _("{label}缺少维度：{value}").format(
                label=label, value="、".join(lacking)
            )
            continue
        subtotal = sum((Decimal(i.weight) for i in mine), ZERO)
        if subtotal != HUNDRED:
            errors[f"indicators.{party}"] = _("{label}的指标权重合计须为100，现为{subtotal}").format(
                label=label, subtotal=subtotal
            )
    return errors


@dataclass(frozen=True)
class GradeThresholds:
    """The lowest total of each grade (domain.md section 11 defaults: 90, 80, 60)."""

    excellent: Decimal = Decimal("90")
    good: Decimal = Decimal("80")
    passing: Decimal = Decimal("60")


def thresholds_error(thresholds: GradeThresholds) -> str | None:
    """Thresholds must descend strictly within 0–100 (excellent > good > pass > 0)."""
    e, g, p = (Decimal(x) for x in (thresholds.excellent, thresholds.good, thresholds.passing))
    if not (HUNDRED >= e > g > p > ZERO):
        return _("等级分数线须满足 100 ≥ 优秀 > 良好 > 合格 > 0")
    return None


def grade_for(total: Decimal, thresholds: GradeThresholds) -> Grade:
    """优秀 ≥ excellent, 良好 ≥ good, 合格 ≥ pass, otherwise 不合格, decided on the exact total (domain.md 11, 12):
    59.995 is 不合格 although it is shown as 60.00; only the display rounds."""
    total = Decimal(total)
    if total >= thresholds.excellent:
        return Grade.EXCELLENT
    if total >= thresholds.good:
        return Grade.GOOD
    if total >= thresholds.passing:
        return Grade.PASS
    return Grade.FAIL


# --- scores ------------------------------------------------------------------------------------------------


def score_error(value) -> str | None:
    """An indicator score is a number from 0 to 100 with at most two decimals."""
    try:
        number = Decimal(str(value))
    except Exception:
        return _("评分须为数字，收到 {value!r}").format(value=value)
    if not number.is_finite():
        return _("评分须为有限数字")
    if number < ZERO or number > HUNDRED:
        return _("评分须在0到100之间，收到 {number}").format(number=number)
    if number != number.quantize(CENT):
        return _("评分最多保留两位小数")
    return None


def weighted_exact(pairs: Iterable[tuple[Decimal, Decimal]]) -> Decimal:
    """Σ weight × score ÷ 100 over (weight, score) pairs whose weights sum to 100 — a party's score from its
    indicators, or the total from the parties' exact scores. Not rounded: grades are decided on this."""
    return sum((Decimal(w) * Decimal(s) for w, s in pairs), ZERO) / HUNDRED


def weighted_score(pairs: Iterable[tuple[Decimal, Decimal]]) -> Decimal:
    """`weighted_exact` rounded to two decimals for display (half up, once, at the end)."""
    return q2(weighted_exact(pairs))


def dimension_score(pairs: Iterable[tuple[Decimal, Decimal]]) -> Decimal | None:
    """The weighted mean of scores with their (not necessarily summing to 100) weights; None when empty."""
    pairs = [(Decimal(w), Decimal(s)) for w, s in pairs]
    weight = sum((w for w, _ in pairs), ZERO)
    if not weight:
        return None
    return q2(sum((w * s for w, s in pairs), ZERO) / weight)


# --- satisfaction surveys ----------------------------------------------------------------------------------

#: 非常满意 5 → 100 … 非常不满意 1 → 0, linear (a 1–5 answer becomes an indicator score on 0–100)
SATISFACTION_POINTS: dict[int, Decimal] = {
    5: HUNDRED,
    4: Decimal("75"),
    3: Decimal("50"),
    2: Decimal("25"),
    1: ZERO,
}


def answer_error(value) -> str | None:
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        and not (isinstance(value, str) and value.isdigit())
    ):
        return _("答案须为1至5的整数，收到 {value!r}").format(value=value)
    if int(value) not in SATISFACTION_POINTS:
        return _("答案须为1至5的整数，收到 {value!r}").format(value=value)
    return None


def satisfaction_scores(
    answers: Iterable[Mapping[str, int]], question_keys: Sequence[str]
) -> dict[str, Decimal]:
    """Per question, the mean of the answers turned into points (0–100, two decimals); questions nobody answered
    are left out."""
    sums: dict[str, Decimal] = {}
    counts: dict[str, int] = {}
    for answer in answers:
        for key in question_keys:
            if key in answer and answer[key] is not None:
                sums[key] = sums.get(key, ZERO) + SATISFACTION_POINTS[int(answer[key])]
                counts[key] = counts.get(key, 0) + 1
    return {key: q2(sums[key] / counts[key]) for key in sums}


def sample_sufficient(responses: int, minimum: int) -> bool:
    """The satisfaction score counts only with at least `minimum` responses (a template setting)."""
    return responses >= minimum


def response_rate(responses: int, population: int | None) -> Decimal | None:
    """Responses as a percentage of the recipients served (two decimals); None when the population is unknown."""
    if not population:
        return None
    return q2(Decimal(responses) * HUNDRED / Decimal(population))


# --- the third-party evaluator -----------------------------------------------------------------------------


def evaluator_conflict(
    evaluator_code: str, contractor_code: str, declared_codes: Iterable[str]
) -> str | None:
    """Why an organisation may not be the third-party evaluator of a contractor's contract, or None.

    It must not be the contractor itself (same unified social credit code) nor linked to it by a declared relation
    (粤民发〔2018〕170号 一(六): the third party is independent of the parties evaluated).
    """
    mine = (evaluator_code or "").strip().upper()
    theirs = (contractor_code or "").strip().upper()
    if mine and mine == theirs:
        return _("第三方评价机构不能是承接主体本身（统一社会信用代码相同）")
    declared = {(c or "").strip().upper() for c in declared_codes}
    if theirs and theirs in declared:
        return _("第三方评价机构已声明与承接主体存在关联关系，不能承担本次评价")
    return None


# --- the evaluation's life ---------------------------------------------------------------------------------

EVALUATION_TRANSITIONS: dict[tuple[str, str], str] = {
    (EvaluationStatus.IN_PROGRESS, "publish"): EvaluationStatus.PUBLISHED,
    (EvaluationStatus.IN_PROGRESS, "cancel"): EvaluationStatus.CANCELLED,
}


def publication_errors(
    *,
    missing: Mapping[str, int],
    responses: int,
    minimum_sample: int,
    has_evaluator: bool,
) -> list[str]:
    """Why an evaluation may not be published yet (empty when it may): every party has scored every indicator, the
    satisfaction survey reached its minimum sample, and a third-party evaluator is assigned (一(六))."""
    errors = []
    if not has_evaluator:
        errors.append(_("尚未指定第三方评价机构"))
    for party, count in missing.items():
        if count:
            errors.append(_("{label}尚有{count}项指标未评分").format(label=Party(party).label, count=count))
    if not sample_sufficient(responses, minimum_sample):
        errors.append(
            _("满意度调查有效样本{responses}份，少于最低样本量{minimum_sample}份").format(
                responses=responses, minimum_sample=minimum_sample
            )
        )
    return errors


def reminder_due(end_date, today, lead_days: int) -> bool:
    """An evaluation is due at contract end: remind from `lead_days` before the end date onwards."""
    return (end_date - today).days <= lead_days
