"""Thresholds and procurement methods (domain.md section 9; 政府采购法 第二十七至三十一条): which method a budget
allows, single-source additions, how many valid bids each method needs."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from ..choices import (
    Method,
    MethodCondition,
)
from .base import CENT, HUNDRED, Thresholds, num

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
        return {"method": _("未知的采购方式")}
    government = is_government_procurement(budget, in_central_catalogue, thresholds)
    if method == Method.BELOW_LIMIT:
        if government:
            errors["method"] = _("属于集中采购目录或达到采购限额标准的项目须采用政府采购方式")
        return errors
    if method != Method.OPEN_TENDER:
        allowed = METHOD_CONDITIONS[method]
        if not condition:
            errors["method_condition"] = _("采用公开招标以外的采购方式须写明所依据的适用情形")
        elif condition not in allowed:
            errors["method_condition"] = _("所选情形不适用于{label}").format(label=Method(method).label)
        if budget >= thresholds.open_tender_threshold and not (approval_reference or "").strip():
            errors["approval_reference"] = _(
                "达到公开招标数额标准的项目采用其他方式须经设区的市级以上财政部门批准，请填写批准文号"
            )
    if method == Method.SINGLE_SOURCE and condition == C.ADDITION:
        if original_amount is None:
            errors["original_contract"] = _("添购须指明原合同")
        elif not addition_within_cap(original_amount, previous_additions, budget, thresholds):
            cap = addition_cap(original_amount, thresholds)
            errors["budget"] = _(
                "添购总额不得超过原合同金额的{num}%（{cap} 元，已添购 {previous_additions} 元）"
            ).format(
                num=num(thresholds.single_source_addition_pct), cap=cap, previous_additions=previous_additions
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
