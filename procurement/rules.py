"""Pure procurement rules (no ORM, no request; dates passed in). Each cites the clause it enforces.

Figures (thresholds, price weight range, the single-source addition cap) come in as a `Thresholds` read from data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .choices import (
    REQUIRED_CONDITIONS,
    ContractorKind,
    Method,
    MethodCondition,
    ProjectStatus,
    TakeoverParty,
)

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# --- the project state machine (粤民发〔2018〕170号 一(四): 项目选定 → 信息发布 → 组织购买 → 实施监管 → 绩效评价) ---

S = ProjectStatus
PROJECT_TRANSITIONS: dict[tuple[str, str], str] = {
    (S.SELECTED, "publish"): S.PUBLISHED,
    (S.PUBLISHED, "open"): S.PURCHASING,
    (S.PURCHASING, "award"): S.AWARDED,
    (S.PURCHASING, "fail"): S.FAILED,
    (S.FAILED, "retender"): S.PUBLISHED,
    (S.FAILED, "switch_method"): S.PUBLISHED,
    (S.AWARDED, "contract"): S.CONTRACTED,
    (S.CONTRACTED, "start"): S.SUPERVISION,
    (S.SUPERVISION, "takeover"): S.TAKEN_OVER,
    (S.SUPERVISION, "evaluate"): S.EVALUATED,
    (S.TAKEN_OVER, "evaluate"): S.EVALUATED,
    (S.EVALUATED, "close"): S.CLOSED,
    (S.TAKEN_OVER, "close"): S.CLOSED,
    **{
        (state, "terminate"): S.TERMINATED
        for state in (
            S.SELECTED,
            S.PUBLISHED,
            S.PURCHASING,
            S.FAILED,
            S.AWARDED,
            S.CONTRACTED,
            S.SUPERVISION,
            S.TAKEN_OVER,
        )
    },
}

ACTION_LABELS = {
    "create": "项目选定",
    "publish": "发布公告",
    "open": "开始组织购买",
    "award": "确定承接主体",
    "fail": "采购失败",
    "retender": "重新招标",
    "switch_method": "变更采购方式",
    "contract": "签订合同",
    "start": "合同开始履行",
    "takeover": "启动临时接管",
    "evaluate": "绩效评价完成",
    "close": "结项",
    "terminate": "终止项目",
}

#: states in which a project is shown on the public pages
PUBLIC_STATES = tuple(s for s in ProjectStatus if s != ProjectStatus.SELECTED)


# --- thresholds and methods (domain.md section 9; 政府采购法 第二十七至三十一条) ---


@dataclass(frozen=True)
class Thresholds:
    procurement_limit: Decimal = Decimal("1000000")
    open_tender_threshold: Decimal = Decimal("2000000")
    price_weight_min: Decimal = Decimal(10)
    price_weight_max: Decimal = Decimal(30)
    single_source_addition_pct: Decimal = Decimal(10)


C = MethodCondition
METHOD_CONDITIONS: dict[str, frozenset[str]] = {
    Method.INVITED_TENDER: frozenset({C.LIMITED_SUPPLIERS, C.COST_DISPROPORTIONATE}),  # 第二十九条
    Method.NEGOTIATION: frozenset({C.TENDER_FAILED, C.TOO_COMPLEX, C.URGENT, C.PRICE_UNKNOWN}),  # 第三十条
    Method.CONSULTATION: frozenset(
        {C.SERVICE_PURCHASE, C.TOO_COMPLEX, C.PRICE_UNKNOWN}
    ),  # 财库〔2014〕214号 第三条
    Method.SINGLE_SOURCE: frozenset({C.ONLY_SUPPLIER, C.EMERGENCY, C.ADDITION}),  # 第三十一条
}

GOVERNMENT_METHODS = (
    Method.OPEN_TENDER,
    Method.INVITED_TENDER,
    Method.NEGOTIATION,
    Method.CONSULTATION,
    Method.SINGLE_SOURCE,
)


def is_government_procurement(budget: Decimal, in_central_catalogue: bool, thresholds: Thresholds) -> bool:
    """In the centralised catalogue or at/above the procurement limit (粤民发〔2018〕170号 一(四))."""
    return in_central_catalogue or budget >= thresholds.procurement_limit


def method_errors(
    *,
    method: str,
    condition: str,
    approval_reference: str,
    budget: Decimal,
    in_central_catalogue: bool,
    thresholds: Thresholds,
    original_amount: Decimal | None = None,
    previous_additions: Decimal = Decimal(0),
) -> dict[str, str]:
    """Field errors for the chosen procurement method (empty when it is allowed).

    - a government procurement (一(四)) must use one of the five methods;
    - every method other than open tender names the condition it relies on (第二十九至三十一条);
    - at/above the open-tender threshold any other method needs the finance department's approval (第二十七条);
    - a single-source addition keeps all additions ≤ the cap (default 10 %) of the original contract (第三十一条).
    """
    errors: dict[str, str] = {}
    if method not in Method.values:
        return {"method": "未知的采购方式 / unknown procurement method"}
    government = is_government_procurement(budget, in_central_catalogue, thresholds)
    if method == Method.BELOW_LIMIT:
        if government:
            errors["method"] = (
                "属于集中采购目录或达到采购限额标准的项目须采用政府采购方式 / a project in the centralised "
                "catalogue or at or above the procurement limit must use a government procurement method"
            )
        return errors
    if method != Method.OPEN_TENDER:
        allowed = METHOD_CONDITIONS[method]
        if not condition:
            errors["method_condition"] = (
                "采用公开招标以外的采购方式须写明所依据的适用情形 / state the condition this method relies on"
            )
        elif condition not in allowed:
            errors["method_condition"] = (
                f"所选情形不适用于{Method(method).label} / this condition does not allow {method}"
            )
        if budget >= thresholds.open_tender_threshold and not (approval_reference or "").strip():
            errors["approval_reference"] = (
                "达到公开招标数额标准的项目采用其他方式须经设区的市级以上财政部门批准，请填写批准文号 / "
                "at or above the open-tender threshold another method needs the finance department's approval"
            )
    if method == Method.SINGLE_SOURCE and condition == C.ADDITION:
        if original_amount is None:
            errors["original_contract"] = "添购须指明原合同 / an addition must name the original contract"
        elif not addition_within_cap(original_amount, previous_additions, budget, thresholds):
            cap = addition_cap(original_amount, thresholds)
            errors["budget"] = (
                f"添购总额不得超过原合同金额的{_num(thresholds.single_source_addition_pct)}%（{cap} 元，已添购 "
                f"{previous_additions} 元） / additions may not exceed "
                f"{_num(thresholds.single_source_addition_pct)}% of the original contract"
            )
    return errors


def addition_cap(original_amount: Decimal, thresholds: Thresholds) -> Decimal:
    return (original_amount * thresholds.single_source_addition_pct / HUNDRED).quantize(CENT, ROUND_HALF_UP)


def addition_within_cap(
    original_amount: Decimal, previous_additions: Decimal, addition: Decimal, thresholds: Thresholds
) -> bool:
    """Single-source additions in total ≤ the cap of the original contract (政府采购法 第三十一条(三))."""
    return previous_additions + addition <= addition_cap(original_amount, thresholds)


#: (minimum to award, minimum for a service purchase where the rules allow fewer)
SUPPLIER_MINIMUMS: dict[str, tuple[int, int]] = {
    Method.OPEN_TENDER: (3, 3),
    Method.INVITED_TENDER: (3, 3),
    Method.NEGOTIATION: (3, 3),
    # 财库〔2015〕124号: a consultation on purchased services may go on with 2 qualifying suppliers
    Method.CONSULTATION: (3, 2),
    Method.SINGLE_SOURCE: (1, 1),
    Method.BELOW_LIMIT: (1, 1),
}


def minimum_valid_bids(method: str, *, service_purchase: bool = True) -> int:
    """How many valid bids the method needs before an award (domain.md section 9)."""
    general, service = SUPPLIER_MINIMUMS[method]
    return service if service_purchase else general


def enough_bids(method: str, valid_bids: int, *, service_purchase: bool = True) -> bool:
    return valid_bids >= minimum_valid_bids(method, service_purchase=service_purchase)


# --- comprehensive scoring (综合评分法; 财政部令第87号 第五十五条) ---


@dataclass(frozen=True)
class CriterionSpec:
    name: str
    weight: Decimal
    is_price: bool = False


def _num(value: Decimal) -> str:
    """30.00 → 30, 12.50 → 12.5 (for messages)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def scheme_errors(criteria: Sequence[CriterionSpec], thresholds: Thresholds) -> list[str]:
    """Why a scoring scheme is not acceptable: weights sum to 100, exactly one price criterion, and its weight
    between the minimum (10, 第五十五条) and the local cap (default 30) so that price does not decide alone
    (粤民发〔2018〕170号 一(四): 不能简单以“价低者得”)."""
    errors: list[str] = []
    if not criteria:
        return ["评分办法至少需要一个评分项 / the scheme needs criteria"]
    if any(c.weight <= 0 for c in criteria):
        errors.append("每个评分项的分值须大于0 / every weight must be positive")
    total = sum((c.weight for c in criteria), Decimal(0))
    if total != HUNDRED:
        errors.append(
            f"各评分项分值之和须为100，当前为{_num(total)} / weights must sum to 100 (now {_num(total)})"
        )
    prices = [c for c in criteria if c.is_price]
    if len(prices) != 1:
        errors.append("评分办法须有且只有一个价格分项 / exactly one price criterion is required")
    else:
        weight = prices[0].weight
        if weight < thresholds.price_weight_min or weight > thresholds.price_weight_max:
            errors.append(
                f"价格分值须在{_num(thresholds.price_weight_min)}至{_num(thresholds.price_weight_max)}之间，"
                f"当前为{_num(weight)} / price weight must be between {_num(thresholds.price_weight_min)} and "
                f"{_num(thresholds.price_weight_max)}"
            )
    names = [c.name.strip() for c in criteria]
    if len(set(names)) != len(names):
        errors.append("评分项名称不能重复 / criterion names must be unique")
    return errors


def price_score(price_weight: Decimal, lowest_price: Decimal, price: Decimal) -> Decimal:
    """price weight × lowest valid bid price ÷ this bid's price, to 2 places (domain.md section 9)."""
    return (price_weight * lowest_price / price).quantize(CENT, ROUND_HALF_UP)


def score_error(score: Decimal, weight: Decimal) -> str | None:
    if score < 0 or score > weight:
        return f"得分须在0至{weight}之间 / a score must be between 0 and {weight}"
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


# --- contractors (粤民发〔2018〕170号 一(三); GB 32100-2015) ---

K = ContractorKind
#: kinds a credit code's registering authority (first character) and organisation type (second) allow
CODE_KINDS: dict[str, dict[str, frozenset[str]]] = {
    "5": {  # civil affairs: 1 社会团体, 2 民办非企业单位, 3 基金会, 9 other
        "1": frozenset({K.SOCIAL_ORG}),
        "2": frozenset({K.SOCIAL_ORG}),
        "3": frozenset({K.SOCIAL_ORG}),
        "9": frozenset({K.SOCIAL_ORG}),
    },
    "1": {  # institutional staffing authority: 2 事业单位; 3 mass organisations exempt from registration
        "2": frozenset({K.PUBLIC_WELFARE_2, K.PUBLIC_BUSINESS}),
        "3": frozenset({K.SOCIAL_ORG_EXEMPT}),
    },
    "9": {  # market regulation: 1 企业, 2 个体工商户, 3 农民专业合作社
        "1": frozenset({K.ENTERPRISE}),
        "2": frozenset({K.ENTERPRISE}),
        "3": frozenset({K.ENTERPRISE}),
    },
}


def kind_error(credit_code: str, kind: str) -> str | None:
    """Why `kind` disagrees with the credit code's first characters (domain.md section 9), or None.

    Registering authorities other than 5, 1 and 9 (A, N, Y …) are accepted with the kind the user chose.
    """
    if kind not in ContractorKind.values:
        return "未知的主体类型 / unknown contractor kind"
    authority, org_type = credit_code[:1], credit_code[1:2]
    if authority not in CODE_KINDS:
        return None
    allowed = CODE_KINDS[authority].get(org_type)
    if not allowed:
        return (
            f"统一社会信用代码“{authority}{org_type}”开头的机构不属于可承接的社会力量 / "
            f"an organisation whose code starts '{authority}{org_type}' cannot be a contractor"
        )
    if kind not in allowed:
        names = "、".join(str(ContractorKind(k).label) for k in sorted(allowed))
        return (
            f"主体类型与统一社会信用代码不一致：代码“{authority}{org_type}”开头应为{names} / "
            f"kind does not match the credit code's registering authority"
        )
    return None


def review_errors(conditions: Mapping[str, tuple[bool, bool]], *, local_published: bool) -> dict[str, str]:
    """Missing pieces of an eligibility review: each of the five conditions of 一(三) (and the local conditions
    when the county published some) must be assessed, each with evidence. `conditions` = {condition: (met,
    has_evidence)}."""
    errors: dict[str, str] = {}
    needed = list(REQUIRED_CONDITIONS) + (["local"] if local_published else [])
    for condition in needed:
        if condition not in conditions:
            errors[condition] = "须逐项审查该条件 / this condition must be assessed"
        elif not conditions[condition][1]:
            errors[condition] = "须上传证明材料或填写证明说明 / upload evidence or write a note"
    return errors


def review_passes(conditions: Mapping[str, tuple[bool, bool]], *, local_published: bool) -> bool:
    """A review passes only when every required condition is met (粤民发〔2018〕170号 一(三))."""
    needed = list(REQUIRED_CONDITIONS) + (["local"] if local_published else [])
    return all(conditions.get(c, (False, False))[0] for c in needed)


def is_debarred(periods: Iterable[tuple[dt.date, dt.date]], on: dt.date) -> bool:
    """Debarred on `on` when a period covers it, both ends included (粤民发〔2018〕170号 一(七))."""
    return any(start <= on <= end for start, end in periods)


# --- contracts ---


def contract_errors(*, amount: Decimal, budget: Decimal, start: dt.date, end: dt.date) -> dict[str, str]:
    """The contract amount may not exceed the budget (粤民发〔2018〕170号 一(五)); the period must be ordered."""
    errors: dict[str, str] = {}
    if amount > budget:
        errors["amount"] = f"合同金额不得超过项目预算（{budget} 元） / the amount may not exceed the budget"
    if end < start:
        errors["end_date"] = "服务结束日期不能早于开始日期 / the end date is before the start date"
    return errors


def takeover_plan_errors(
    *,
    party: str,
    standby_contractor_id: int | None,
    contractor_id: int,
    staff_description: str,
    triggers: str,
    handover: str,
) -> dict[str, str]:
    """A takeover plan names who takes over, when it is triggered and how recipients are handed over
    (粤民发〔2018〕170号 一(七))."""
    errors: dict[str, str] = {}
    if party == TakeoverParty.STANDBY_CONTRACTOR:
        if not standby_contractor_id:
            errors["standby_contractor"] = "须指定备用承接主体 / name the standby contractor"
        elif standby_contractor_id == contractor_id:
            errors["standby_contractor"] = (
                "备用承接主体不能是合同承接主体本身 / the standby contractor cannot be the contractor itself"
            )
    elif party == TakeoverParty.PURCHASER_STAFF:
        if not staff_description.strip():
            errors["staff_description"] = "须写明接管人员安排 / describe the staff who take over"
    else:
        errors["party"] = "未知的接管方 / unknown takeover party"
    if not triggers.strip():
        errors["triggers"] = "须写明启动条件 / state the trigger conditions"
    if not handover.strip():
        errors["handover"] = "须写明服务对象交接方式 / state how recipients are handed over"
    return errors
