"""Benchmark: `manage.py seed_demo --scale province` on PostgreSQL (goal ≤ 5 min).

Run standalone: `DATABASE_URL=postgres://… .venv/bin/python benchmarks/seed_demo.py`. On a database without the
province's villages it migrates, runs the seed (timing it) and records the time in var/bench/seed.json; on a seeded
database it reprints the recorded time (the seed takes minutes on a shared machine: it is run once and kept, as the
other benchmarks need its data). Checked against the regions file and the seeders' own targets: every real division
of Guangdong loaded, a synthetic village layer, ~30,000 workers and 12 months of caseloads.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from benchmarks.common import Result, emit  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
RECORD = ROOT / "var" / "bench" / "seed.json"
GOAL_S = 300


def seeded() -> bool:
    import django

    django.setup()
    from regions.models import Region

    return Region.objects.filter(level="village").count() >= 20000


def counts() -> dict[str, int]:
    from regions.models import Region
    from staffing.models import Caseload, Worker

    return {
        "regions": Region.objects.count(),
        "real": Region.objects.exclude(level="village").count(),
        "workers": Worker.objects.count(),
        "periods": Caseload.objects.values("period").distinct().count(),
    }


def real_divisions() -> int:
    """Rows of the shipped regions file above village level (read here, not through the loader)."""
    path = ROOT / "regions" / "data" / "regions-guangdong-2022.csv"
    with open(path, encoding="utf-8") as fh:
        return sum(1 for row in csv.DictReader(fh) if len(row.get("code", "")) <= 9)


def main() -> None:
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "--no-input", "-v0"], cwd=ROOT, check=True)
    if not seeded():
        started = time.perf_counter()
        subprocess.run(
            [python, "manage.py", "seed_demo", "--scale", "province", "--force"], cwd=ROOT, check=True
        )
        seconds = time.perf_counter() - started
        RECORD.parent.mkdir(parents=True, exist_ok=True)
        RECORD.write_text(json.dumps({"seconds": seconds, "on": dt.date.today().isoformat()}))
    record = json.loads(RECORD.read_text()) if RECORD.exists() else None
    c = counts()
    expected_real = real_divisions()
    ok = c["real"] >= expected_real and c["regions"] - c["real"] >= 20000 and c["workers"] >= 20000
    ok = ok and c["periods"] == 12
    check = (
        f"{c['real']:,} real divisions (file: {expected_real:,}), {c['regions'] - c['real']:,} villages, "
        f"{c['workers']:,} workers, {c['periods']} months: {'ok' if ok else 'WRONG'}"
    )
    if record is None:
        now, met = "seeded before timing was recorded", False
    else:
        now = f"{record['seconds'] / 60:.1f} min (seeded {record['on']})"
        met = record["seconds"] <= GOAL_S and not record.get("note")
        if record.get("note"):
            now += f": {record['note']}"
    emit([Result("seed_demo --scale province (PostgreSQL)", now, "≤ 5 min", met and ok, check)])


if __name__ == "__main__":
    main()
