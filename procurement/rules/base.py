"""Figures and helpers the procurement rules share (no ORM)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

CENT = Decimal("0.01")
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Thresholds:
    procurement_limit: Decimal = Decimal("1000000")
    open_tender_threshold: Decimal = Decimal("2000000")
    price_weight_min: Decimal = Decimal(10)
    price_weight_max: Decimal = Decimal(30)
    single_source_addition_pct: Decimal = Decimal(10)


def num(value: Decimal) -> str:
    """30.00 → 30, 12.50 → 12.5 (for messages)."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
