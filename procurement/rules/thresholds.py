"""The legal bounds of the threshold table (domain.md 9 and 12): a county may set its figures, not past the law."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from .base import num

#: 财政部令第87号《政府采购货物和服务招标投标管理办法》第五十五条: the price weight of a service project is 10–30
SERVICE_PRICE_WEIGHT_MIN = Decimal(10)
SERVICE_PRICE_WEIGHT_MAX = Decimal(30)
#: 政府采购法 第三十一条(三): single-source additions at most 10 % of the original contract
SINGLE_SOURCE_ADDITION_MAX_PCT = Decimal(10)


def threshold_errors(
    *,
    procurement_limit: Decimal | None,
    open_tender_threshold: Decimal | None,
    price_weight_min: Decimal | None,
    price_weight_max: Decimal | None,
    single_source_addition_pct: Decimal | None,
) -> dict[str, str]:
    """Field errors of a row of the threshold table (empty when it is within the law)."""
    errors: dict[str, str] = {}
    lo, hi = SERVICE_PRICE_WEIGHT_MIN, SERVICE_PRICE_WEIGHT_MAX
    bounds = f"{num(lo)}–{num(hi)}"
    if price_weight_min is not None and not lo <= price_weight_min <= hi:
        errors["price_weight_min"] = _(
            "服务项目价格分值须在{bounds}之间（财政部令第87号 第五十五条），不能为{value}"
        ).format(bounds=bounds, value=num(price_weight_min))
    if price_weight_max is not None and not lo <= price_weight_max <= hi:
        errors["price_weight_max"] = _(
            "服务项目价格分值须在{bounds}之间（财政部令第87号 第五十五条），不能为{value}"
        ).format(bounds=bounds, value=num(price_weight_max))
    if (
        not errors
        and price_weight_min is not None
        and price_weight_max is not None
        and price_weight_min > price_weight_max
    ):
        errors["price_weight_max"] = _("价格分值上限不得低于下限")
    cap = SINGLE_SOURCE_ADDITION_MAX_PCT
    if single_source_addition_pct is not None and not 0 <= single_source_addition_pct <= cap:
        errors["single_source_addition_pct"] = _(
            "单一来源添购总额不得超过原合同金额的{cap}%（政府采购法 第三十一条(三)），不能为{value}%"
        ).format(cap=num(cap), value=num(single_source_addition_pct))
    if (
        procurement_limit is not None
        and open_tender_threshold is not None
        and open_tender_threshold < procurement_limit
    ):
        errors["open_tender_threshold"] = _("公开招标数额标准不得低于采购限额标准")
    return errors
