"""`make bench`: run every benchmark against one PostgreSQL database and print ONE table (measure, now, goal, met?).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_perf .venv/bin/python benchmarks/run_all.py [--only NAME ...]

Each benchmark runs in its own process (output in var/bench/NAME.log) and appends its rows to var/bench/results.jsonl;
the table is printed at the end, also when a benchmark failed (its row then says so). The province data is seeded
once and kept (`seed_demo.py` times the seed only on an empty database, and otherwise reprints the time it recorded).
Processes run with DEBUG off (no query log in memory) and the development secrets of var/, so data seeded with
DEBUG on stays readable.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Result, load, table  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "var" / "bench"
# order: the seed first (the others need its data), then reads and recomputes, the HTTP load last
BENCHMARKS = [
    "seed_demo",
    "staffing_recompute",
    "windows_cases",
    "training_compliance",
    "procurement_scale",
    "http_load",
]


def environment() -> dict[str, str]:
    env = {**os.environ, "DEBUG": "false", "SECURE_SSL_REDIRECT": "false", "PYTHONUNBUFFERED": "1"}
    var = ROOT / "var"
    for name in ("SECRET_KEY", "FIELD_ENCRYPTION_KEY"):
        path = var / f"dev-{name.lower()}"
        if name not in env and path.exists():
            env[name] = path.read_text().strip()
    env["BENCH_RESULTS"] = str(OUT / "results.jsonl")
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", choices=BENCHMARKS, help="run only these")
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        print("set DATABASE_URL=postgres://... (the benchmarks measure PostgreSQL)")
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    results_file = OUT / "results.jsonl"
    results_file.unlink(missing_ok=True)
    env = environment()
    failed = []
    load_before = os.getloadavg()[0]
    for name in args.only or BENCHMARKS:
        started = time.monotonic()
        print(f"== {name} (log: var/bench/{name}.log)", flush=True)
        with open(OUT / f"{name}.log", "w", encoding="utf-8") as log:
            done = subprocess.run(
                [sys.executable, str(ROOT / "benchmarks" / f"{name}.py")],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        print(
            f"   {'ok' if done.returncode == 0 else 'FAILED'} in {time.monotonic() - started:.0f} s",
            flush=True,
        )
        if done.returncode != 0:
            failed.append(name)
            tail = (OUT / f"{name}.log").read_text(encoding="utf-8").splitlines()[-15:]
            print("   " + "\n   ".join(tail))
    results = load(str(results_file)) if results_file.exists() else []
    results += [Result(f"{name} (benchmark failed)", "-", "-", False, "see its log") for name in failed]
    print(
        f"\nmachine: {os.cpu_count()} cores, load average {load_before:.1f} at the start and "
        f"{os.getloadavg()[0]:.1f} at the end (shared: compare the ratios, each taken side by side)\n"
    )
    print(table(results))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
