"""Demo data: the overview of the running month and the month before, computed from the other areas' demo."""

from __future__ import annotations

from typing import Any

from . import services


def seed(*, scale: str = "small", out: Any = None) -> None:
    periods = services.overview_nightly()
    if out is not None:
        out.write(f"统筹督导：已计算 {', '.join(periods)} 的区域概览")
