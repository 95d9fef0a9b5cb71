"""Benchmark: procurement at province scale on PostgreSQL — the project list API, the OCDS release package of the
whole province, the public debarment list and the debarment check a bid makes.

Run standalone: `DATABASE_URL=postgres://… .venv/bin/python benchmarks/procurement_scale.py [--repeat N]`.
Loads the real Guangdong regions and the demo accounts if missing, then the procurement demo at province scale
(every county: 6 contractors, 7 projects in every stage, a debarment; idempotent), and measures as the provincial
viewer. Prints median and p95 latencies and response sizes. Not part of the test run.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    sys.exit("DATABASE_URL must point to PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/wt_procurement")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

import config.wsgi  # noqa: E402, F401  (the process as a gunicorn worker runs: views imported, startup objects frozen)
from benchmarks.common import Result, emit, p95  # noqa: E402
from procurement import demo  # noqa: E402
from procurement.models import Contractor, Project, Sanction  # noqa: E402
from procurement.selectors import debarred_contractor_ids  # noqa: E402
from regions import demo as regions_demo  # noqa: E402


def measure(label: str, call, repeat: int) -> None:
    times, size = [], 0
    for _ in range(repeat):
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
        size = len(getattr(result, "content", b"")) if hasattr(result, "content") else 0
    times.sort()
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
    extra = f", {size / 1024:.0f} KiB" if size else ""
    print(f"{label:<48} median {statistics.median(times):7.1f} ms   p95 {p95:7.1f} ms{extra}")


def ocds_pages(client, repeat: int) -> Result:
    """Walk the whole province's release package by `links.next` (timing every page, `repeat` walks) and check it
    holds every project once, in id order: the count of projects in the table, asked apart."""
    times, sizes, seen = [], [], []
    for _ in range(repeat):
        url, ocids = "/api/v1/procurement/ocds/releases/", []
        while url:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
            sizes.append(len(response.content))
            data = response.json()
            ocids += [int(r["ocid"].rsplit("-", 1)[1]) for r in data["releases"]]
            url = data.get("links", {}).get("next")
        seen = ocids
    expected = list(Project.objects.order_by("id").values_list("id", flat=True))
    ok = seen == expected
    worst = p95(times)
    return Result(
        "OCDS release package, whole province, by links.next",
        f"{len(times) // repeat} pages: median {statistics.median(times):.0f} ms, p95 {worst:.0f} ms a page, "
        f"{max(sizes) / 1024:.0f} KiB",
        "paginated, ≤ 150 ms a page",
        worst <= 150 and ok,
        f"every project once in id order ({len(expected):,}): {'yes' if ok else 'NO'}",
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    regions_demo.ensure_real_regions()
    User = get_user_model()
    if not User.objects.filter(username="sheng").exists():
        regions_demo.seed_accounts(io.StringIO())
    started = time.perf_counter()
    demo.seed(scale="province", out=io.StringIO())
    print(f"seed (idempotent): {time.perf_counter() - started:.1f} s")
    print(
        f"projects {Project.objects.count()}, contractors {Contractor.objects.count()}, "
        f"sanctions {Sanction.objects.count()}"
    )
    viewer = User.objects.get(username="sheng")
    client = APIClient()
    client.force_authenticate(viewer)
    anonymous = APIClient()
    ids = list(Contractor.objects.values_list("pk", flat=True)[:500])
    today = timezone.localdate()
    measure(
        "GET /projects/ (province viewer, page 1)",
        lambda: client.get("/api/v1/procurement/projects/"),
        args.repeat,
    )
    measure(
        "GET /projects/?status=supervision",
        lambda: client.get("/api/v1/procurement/projects/?status=supervision"),
        args.repeat,
    )
    measure("GET /contracts/", lambda: client.get("/api/v1/procurement/contracts/"), args.repeat)
    measure(
        "GET /debarments/ (anonymous)", lambda: anonymous.get("/api/v1/procurement/debarments/"), args.repeat
    )
    measure("debarment check of 500 contractors", lambda: debarred_contractor_ids(ids, today), args.repeat)
    emit([ocds_pages(client, max(3, args.repeat // 5))])


if __name__ == "__main__":
    main()
