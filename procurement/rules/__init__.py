"""Pure procurement rules (no ORM, no request; dates passed in). Each cites the clause it enforces.

Figures (thresholds, price weight range, the single-source addition cap) come in as a `Thresholds` read from data.
Split by responsibility; import from here (`from procurement.rules import PROJECT_TRANSITIONS`).
"""

from __future__ import annotations

from .base import CENT, HUNDRED, Thresholds, num
from .contractors import CODE_KINDS, is_debarred, kind_error, review_errors, review_passes
from .contracts import contract_errors, takeover_plan_errors
from .methods import (
    GOVERNMENT_METHODS,
    METHOD_CONDITIONS,
    SUPPLIER_MINIMUMS,
    addition_cap,
    addition_within_cap,
    enough_bids,
    is_government_procurement,
    method_errors,
    minimum_valid_bids,
)
from .periods import PERIOD_TOO_SHORT, RESPONSE_PERIODS, response_period_error
from .projects import ACTION_LABELS, PROJECT_TRANSITIONS, PUBLIC_STATES
from .scoring import BidResult, CriterionSpec, compute_results, price_score, scheme_errors, score_error
from .subcontracting import (
    delivery_errors,
    delivery_is_subcontracted,
    payment_errors,
    payment_is_subcontracted,
)
from .thresholds import (
    SERVICE_PRICE_WEIGHT_MAX,
    SERVICE_PRICE_WEIGHT_MIN,
    SINGLE_SOURCE_ADDITION_MAX_PCT,
    threshold_errors,
)

__all__ = [
    "ACTION_LABELS",
    "BidResult",
    "CENT",
    "CODE_KINDS",
    "CriterionSpec",
    "GOVERNMENT_METHODS",
    "HUNDRED",
    "METHOD_CONDITIONS",
    "PERIOD_TOO_SHORT",
    "PROJECT_TRANSITIONS",
    "PUBLIC_STATES",
    "RESPONSE_PERIODS",
    "SERVICE_PRICE_WEIGHT_MAX",
    "SERVICE_PRICE_WEIGHT_MIN",
    "SINGLE_SOURCE_ADDITION_MAX_PCT",
    "SUPPLIER_MINIMUMS",
    "Thresholds",
    "addition_cap",
    "addition_within_cap",
    "compute_results",
    "contract_errors",
    "delivery_errors",
    "delivery_is_subcontracted",
    "enough_bids",
    "is_debarred",
    "is_government_procurement",
    "kind_error",
    "method_errors",
    "minimum_valid_bids",
    "num",
    "payment_errors",
    "payment_is_subcontracted",
    "price_score",
    "response_period_error",
    "review_errors",
    "review_passes",
    "scheme_errors",
    "score_error",
    "takeover_plan_errors",
    "threshold_errors",
]
