"""Comprehensive scoring (综合评分法; 财政部令第87号 第五十五条): the scheme, price score, totals and ranking."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from .base import CENT, HUNDRED, Thresholds, num


@dataclass(frozen=True)
class CriterionSpec:
    name: str
    weight: Decimal
    is_price: bool = False


def scheme_errors(criteria: Sequence[CriterionSpec], thresholds: Thresholds) -> list[str]:
    """Why a scoring scheme is not acceptable: weights sum to 100, exactly one price criterion, and its weight
    between the minimum (10, 第五十五条) and the local cap (default 30) so that price does not decide alone
    (粤民发〔2018〕170号 一(四): 不能简单以“价低者得”)."""
    errors: list[str] = []
    if not criteria:
        return [_("评分办法至少需要一个评分项")]
    if any(c.weight <= 0 for c in criteria):
        errors.append(_("每个评分项的分值须大于0"))
    total = sum((c.weight for c in criteria), Decimal(0))
    if total != HUNDRED:
        errors.append(_("各评分项分值之和须为100，当前为{num}").format(num=num(total)))
    prices = [c for c in criteria if c.is_price]
    if len(prices) != 1:
        errors.append(_("评分办法须有且只有一个价格分项"))
    else:
        weight = prices[0].weight
        if weight < thresholds.price_weight_min or weight > thresholds.price_weight_max:
            errors.append(
                _("价格分值须在{num}至{num2}之间，当前为{num3}").format(
                    num=num(thresholds.price_weight_min),
                    num2=num(thresholds.price_weight_max),
                    num3=num(weight),
                )
            )
    names = [c.name.strip() for c in criteria]
    if len(set(names)) != len(names):
        errors.append(_("评分项名称不能重复"))
    return errors


def price_score(price_weight: Decimal, lowest_price: Decimal, price: Decimal) -> Decimal:
    """price weight × lowest valid bid price ÷ this bid's price, to 2 places (domain.md section 9)."""
    return (price_weight * lowest_price / price).quantize(CENT, ROUND_HALF_UP)


def score_error(score: Decimal, weight: Decimal) -> str | None:
    if score < 0 or score > weight:
        return _("得分须在0至{weight}之间").format(weight=weight)
    return None


@dataclass
class BidResult:
    """A bid's computed totals with the breakdown per criterion."""

    bid_id: int
    price: Decimal
    price_score: Decimal
    non_price: Decimal
    total: Decimal
    #: criterion id → mean evaluator score (price criterion: the price score)
    breakdown: dict[int, Decimal] = field(default_factory=dict)
    evaluators: int = 0
    rank: int = 0
    tied: bool = False


def compute_results(
    bids: Sequence[tuple[int, Decimal]],
    criteria: Sequence[tuple[int, Decimal, bool]],
    scores: Mapping[tuple[int, int], Sequence[Decimal]],
) -> list[BidResult]:
    """Totals and ranking of the valid bids of a round.

    `bids` = [(bid id, price)], `criteria` = [(criterion id, weight, is_price)], `scores` = {(bid id, criterion id):
    [each evaluator's score]}. A non-price criterion scores the mean of its evaluators; the price criterion scores
    by the formula. Ranked by total, ties to the higher non-price score (domain.md section 9); bids equal on both
    are marked `tied` and share a rank.
    """
    if not bids:
        return []
    lowest = min(price for _, price in bids)
    results: list[BidResult] = []
    for bid_id, price in bids:
        breakdown: dict[int, Decimal] = {}
        p_score = Decimal(0)
        non_price = Decimal(0)
        evaluators = 0
        for criterion_id, weight, is_price in criteria:
            if is_price:
                p_score = price_score(weight, lowest, price)
                breakdown[criterion_id] = p_score
            else:
                given = list(scores.get((bid_id, criterion_id), ()))
                evaluators = max(evaluators, len(given))
                mean = (
                    (sum(given, Decimal(0)) / len(given)).quantize(CENT, ROUND_HALF_UP)
                    if given
                    else Decimal(0)
                )
                breakdown[criterion_id] = mean
                non_price += mean
        results.append(
            BidResult(
                bid_id, price, p_score, non_price, p_score + non_price, breakdown, evaluators=evaluators
            )
        )
    results.sort(key=lambda r: (-r.total, -r.non_price, r.bid_id))
    for index, result in enumerate(results):
        before = results[index - 1] if index else None
        if before and (before.total, before.non_price) == (result.total, result.non_price):
            result.rank = before.rank
            result.tied = before.tied = True
        else:
            result.rank = index + 1
    return results
