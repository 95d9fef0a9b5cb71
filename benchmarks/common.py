"""What every benchmark shares: one result row (measure, now, goal, met?, checked against what) and the table.

A benchmark run alone prints its rows as a table; under `benchmarks/run_all.py` (`make bench`) it also appends them
as JSON lines to the file named by BENCH_RESULTS, and the runner prints one table of every benchmark's rows.
Ratios are taken within one run, side by side (the machine is shared: absolute times say little).
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass


@dataclass
class Result:
    measure: str
    now: str  # what was measured, e.g. "0.43 s vs 0.136 s = 3.1×"
    goal: str  # e.g. "≤ 1.5×"
    met: bool
    check: str  # the independent computation the result was checked against, and whether it agreed

    def row(self) -> list[str]:
        return [self.measure, self.now, self.goal, "yes" if self.met else "NO", self.check]


HEADERS = ["measure", "now", "goal", "met?", "checked against"]


def table(results: list[Result]) -> str:
    rows = [HEADERS, ["---"] * len(HEADERS), *(r.row() for r in results)]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in rows)


def emit(results: list[Result]) -> None:
    """Print the rows (and append them to $BENCH_RESULTS for the runner's table)."""
    print(table(results), flush=True)
    path = os.environ.get("BENCH_RESULTS")
    if path:
        with open(path, "a", encoding="utf-8") as fh:
            for r in results:
                fh.write(json.dumps(asdict(r), ensure_ascii=False) + "\n")


def load(path: str) -> list[Result]:
    with open(path, encoding="utf-8") as fh:
        return [Result(**json.loads(line)) for line in fh if line.strip()]


def timed(call: Callable[[], object], repeat: int, warm: int = 1) -> list[float]:
    """Milliseconds of `repeat` calls after `warm` unmeasured ones."""
    for _ in range(warm):
        call()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return times


def interleaved(a: Callable[[], object], b: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Medians (ms) of `a` and `b` called alternately, so a load spike from another user hits both alike."""
    a(), b()
    ta, tb = [], []
    for _ in range(repeat):
        for call, into in ((a, ta), (b, tb)):
            started = time.perf_counter()
            call()
            into.append((time.perf_counter() - started) * 1000)
    return statistics.median(ta), statistics.median(tb)


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(len(ordered) * 0.95) - 1)]


def ratio_text(a: float, b: float, unit: str = "ms") -> str:
    return f"{a:.1f} {unit} vs {b:.1f} {unit} = {a / b:.1f}×" if b else f"{a:.1f} {unit} vs 0"
