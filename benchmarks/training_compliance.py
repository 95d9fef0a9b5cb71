"""Benchmark: training compliance at province scale — the nightly recompute and the roll-up a dashboard reads.

Run standalone: `.venv/bin/python benchmarks/training_compliance.py [--workers N]`. Uses DATABASE_URL when set
(PostgreSQL recommended). Needs the real regions (loads them if absent); when the province has fewer active workers
than `--workers` (default 30,000, about the province's handling staff), adds synthetic ones (bulk, marked
"基准测试"), one held rotation session per county with most of its workers attending. Prints the time of the worker
and organiser recomputes and of the province → city → county roll-ups. Goal: recompute under 10 s, roll-up under 0.5 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.utils import timezone  # noqa: E402

from regions.demo import ensure_real_regions  # noqa: E402
from regions.models import Region  # noqa: E402
from staffing.models import Worker  # noqa: E402
from training.models import Attendance, TrainingPlan, TrainingSession  # noqa: E402
from training.selectors import compliance_rollup  # noqa: E402
from training.services.compliance import (  # noqa: E402
    organiser_compliance_recompute,
    worker_compliance_recompute,
)

MARK = "基准测试"


def seed(target: int, year: int) -> None:
    have = Worker.objects.filter(status="active").count()
    townships = list(Region.objects.filter(level="township").only("id", "code"))
    if have < target and townships:
        from regions.demo import demo_id_number

        rows = []
        for i in range(target - have):
            town = townships[i % len(townships)]
            body = f"{town.code[:6]}1990{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
            rows.append(
                Worker(
                    name=f"{MARK}{i}",
                    id_number=demo_id_number(body),
                    region_id=town.id,
                    post="township",
                    employment="established",
                    education="bachelor",
                    birth_date=dt.date(1990, 1, 1),
                    start_date=dt.date(year - 1 - i % 5, 1 + i % 12, 1),
                    status="active",
                )
            )
        Worker.objects.bulk_create(rows, batch_size=2000)
        print(f"added {len(rows)} synthetic workers")
    if TrainingSession.objects.filter(title__startswith=MARK, plan__year=year).exists():
        return
    actor = get_user_model().objects.filter(is_superuser=True).first()
    starts = timezone.make_aware(dt.datetime(year, 3, 10, 9))
    for county in Region.objects.filter(level="county").only("id", "code"):
        plan, _ = TrainingPlan.objects.get_or_create(
            region=county, year=year, defaults={"title": f"{MARK}计划", "created_by": actor}
        )
        session = TrainingSession.objects.create(
            plan=plan,
            region=county,
            title=f"{MARK}轮训",
            training_type="rotation",
            form="case",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=8),
            hours=Decimal("6.0"),
            status="held",
            sign_in_code=f"B{county.code}"[:8],
        )
        ids = Worker.objects.filter(region__code__startswith=county.code, status="active").values_list(
            "pk", flat=True
        )
        Attendance.objects.bulk_create(
            [
                Attendance(
                    session=session,
                    worker_id=pk,
                    method="excel",
                    signed_in_at=starts,
                    hours=session.hours,
                    completed=True,
                )
                for n, pk in enumerate(ids)
                if n % 7
            ],
            batch_size=2000,
        )


def timed(label: str, call):
    started = time.perf_counter()
    result = call()
    print(f"{label}: {time.perf_counter() - started:.2f} s ({result})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=30_000)
    args = parser.parse_args()
    year = timezone.localdate().year
    ensure_real_regions()
    seed(args.workers, year)
    timed("worker recompute (province)", lambda: worker_compliance_recompute(year=year))
    timed("organiser recompute (province)", lambda: organiser_compliance_recompute(year=year))
    root = get_user_model().objects.filter(is_superuser=True).first() or get_user_model()(is_superuser=True)
    province = Region.objects.get(code="44")
    timed("roll-up province → cities", lambda: len(compliance_rollup(root, year=year, region=province)))
    timed(
        "roll-up province → counties",
        lambda: len(compliance_rollup(root, year=year, region=province, level="county")),
    )
    timed(
        "roll-up province → townships",
        lambda: len(compliance_rollup(root, year=year, region=province, level="township")),
    )


if __name__ == "__main__":
    main()
