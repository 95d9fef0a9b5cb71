"""Benchmark: the case list API and intake with 1,000,000 cases on PostgreSQL, against a bare `.values()` query.

Run standalone: `DATABASE_URL=postgres://… .venv/bin/python benchmarks/windows_cases.py [--cases N] [--repeat N]`.
Requires PostgreSQL (row counts of this size on SQLite say nothing). Loads the real Guangdong regions if missing, a
window per township, and COPYs cases until there are `--cases` of them (a pool of pre-encrypted ID numbers and
phones is reused, so the load is fast; the bulk rows have no events, which neither measured path reads). Then it
measures, as a county admin (scope = one county; the scope filter also ORs "or I am the first responder"):

- the case list API, 50 a page, filtered by region (a township, then the whole county) and status, first page and
  a page five cursors deep;
- the bare `Case.objects.filter(region_prefix_q(code), status=…).order_by("-id").values(...)[:50]` of the same
  page (the same index: the ratio is what the API adds to the query), measured alternately with
  the API call (ratios side by side), and checked to be the API's page (the same numbers in the same order).

Intake is measured on gunicorn by `http_load.py`. Not part of the test run.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    sys.exit("DATABASE_URL must point to PostgreSQL, e.g. postgres://postgres@127.0.0.1:5432/wt_windows")

import django  # noqa: E402

django.setup()

import datetime as dt  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from rest_framework.test import APIClient  # noqa: E402

import config.wsgi  # noqa: E402, F401  (the process as a gunicorn worker runs: views imported, startup objects frozen)
from benchmarks.common import Result, emit, interleaved, ratio_text  # noqa: E402
from regions.choices import RegionLevel, Role  # noqa: E402
from regions.demo import demo_id_number, ensure_real_regions  # noqa: E402
from regions.models import Region  # noqa: E402
from regions.personal import encrypt, keyed_hash  # noqa: E402
from regions.services import region_grant  # noqa: E402
from windows.models import Case, ServiceWindow, region_prefix_q  # noqa: E402
from windows.reference import load_reference  # noqa: E402

COUNTY = "440106"  # 天河区
TOWNSHIP = "440106001"  # 五山街道
STATUSES = ["received", "accepted", "assigned", "transferred", "feedback_given", "closed", "closed", "closed"]
CATEGORIES = [
    "dibao",
    "tekun",
    "temporary",
    "medical",
    "education",
    "housing",
    "employment",
    "disaster",
    "consultation",
    "other",
]
CHANNELS = ["walk_in", "phone", "online", "appointment"]
COLUMNS = [
    "number",
    "channel",
    "category",
    "department",
    "status",
    "window_id",
    "accepting_region_id",
    "region_id",
    "region_code",
    "household_region_id",
    "first_responder_id",
    "applicant_name",
    "id_number",
    "id_number_hash",
    "phone",
    "phone_last4",
    "description",
    "assigned_unit",
    "transfer_kind",
    "cross_region",
    "received_at",
    "step_started_on",
    "due_date",
    "closed_at",
    "updated_at",
    "version",
    "case_due_date",
    "deadline_provisional",
    "ever_overdue",
    "sms_opt_in",
]


def _user(username: str, role: Role | None = None, code: str | None = None, **extra):
    user, _ = get_user_model().objects.get_or_create(username=username, defaults=extra)
    if role:
        region_grant(actor=None, user=user, region_code=code, role=role)
    return get_user_model().objects.get(pk=user.pk)


def setup() -> tuple:
    call_command("migrate", verbosity=0)
    ensure_real_regions()
    load_reference()
    staff = _user("bench_staff", Role.TOWNSHIP_STAFF, TOWNSHIP)
    admin = _user("bench_county_admin", Role.COUNTY_ADMIN, COUNTY)
    townships = list(Region.objects.filter(level=RegionLevel.TOWNSHIP).order_by("code"))
    have = set(ServiceWindow.objects.values_list("region_id", flat=True))
    ServiceWindow.objects.bulk_create(
        [
            ServiceWindow(region=t, name=f"{t.name}社会救助窗口", duty_officer=staff)
            for t in townships
            if t.pk not in have
        ],
        batch_size=2000,
    )
    window = ServiceWindow.objects.get(region__code=TOWNSHIP, name__endswith="社会救助窗口")
    window.staff.add(staff)
    return staff, admin, townships


def load_cases(target: int, townships: list[Region], responder) -> None:
    existing = Case.objects.count()
    if existing >= target:
        print(f"cases: {existing:,} present")
        return
    windows = dict(ServiceWindow.objects.values_list("region_id", "id"))
    rng = random.Random(170)
    pool = []
    for i in range(1000):
        body = f"440106{dt.date(1950, 1, 1) + dt.timedelta(days=i * 17):%Y%m%d}{i % 1000:03d}"
        number = demo_id_number(body)
        phone = f"138{rng.randrange(10**8):08d}"
        pool.append((encrypt(number), keyed_hash(number), encrypt(phone), phone[-4:]))
    now = timezone.now()
    started = time.perf_counter()
    batch = 100_000
    # numbers of bulk rows: township code, a day in 2021-2025, a sequence; never collides with today's intakes
    base_day = dt.date(2021, 1, 1)
    done = existing
    with connection.cursor() as cursor:
        while done < target:
            buf = io.StringIO()
            for i in range(done, min(done + batch, target)):
                town = townships[i % len(townships)]
                k = i // len(townships)
                day = base_day + dt.timedelta(days=k // 9999)
                status = STATUSES[i % len(STATUSES)]
                enc_id, id_hash, enc_phone, last4 = pool[i % len(pool)]
                received = now - dt.timedelta(minutes=(target - i))
                due = (received + dt.timedelta(days=10)).date() if status != "closed" else None
                closed = received.isoformat() if status == "closed" else "\\N"
                row = [
                    f"{town.code}-{day:%Y%m%d}-{k % 9999 + 1:04d}",
                    CHANNELS[i % 4],
                    CATEGORIES[i % 10],
                    "民政部门（社会救助）",
                    status,
                    str(windows[town.pk]),
                    str(town.pk),
                    str(town.pk),
                    town.code,
                    str(town.pk),
                    str(responder.pk),
                    "测试申请人",
                    enc_id,
                    id_hash,
                    enc_phone,
                    last4,
                    "基准测试数据",
                    "",
                    "",
                    "f",
                    received.isoformat(),
                    received.date().isoformat(),
                    due.isoformat() if due else "\\N",
                    closed,
                    received.isoformat(),
                    "0",
                    (received + dt.timedelta(days=30)).date().isoformat() if due else "\\N",
                    "f",
                    "f",
                    "f",
                ]
                buf.write("\t".join(row) + "\n")
            buf.seek(0)
            cursor.copy_from(buf, Case._meta.db_table, columns=COLUMNS)
            done = min(done + batch, target)
            print(f"  cases: {done:,} ({time.perf_counter() - started:.0f}s)", flush=True)
        cursor.execute(f"ANALYZE {Case._meta.db_table}")
    print(f"cases: loaded {target - existing:,} in {time.perf_counter() - started:.1f}s")


FIELDS = [
    "id",
    "number",
    "status",
    "category",
    "channel",
    "region_code",
    "due_date",
    "applicant_name",
    "id_number",
    "phone",
    "received_at",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    staff, admin, townships = setup()
    load_cases(args.cases, townships, staff)
    client = APIClient()
    client.force_authenticate(admin)
    results = []
    for label, region, goal in (("township", TOWNSHIP, 2.0), ("county", COUNTY, 1.5)):
        results += compare_pages(client, label, region, goal, args.repeat)
    emit(results)


def compare_pages(client, label: str, region: str, goal: float, repeat: int) -> list[Result]:
    """The API's first page and a page up to six cursors deep against the bare query of the same page, each
    measured alternately with it; the API's numbers must be the bare query's."""
    params = {"region": region, "status": "accepted", "page_size": 50}
    first = client.get("/api/v1/windows/cases/", params)
    assert first.status_code == 200 and len(first.json()["results"]) == 50, first.content[:300]
    deep_url, depth = first.json()["next"], 1
    while depth < 6 and deep_url:
        following = client.get(deep_url).json()["next"]
        if not following:
            break
        deep_url, depth = following, depth + 1
    deep_url = deep_url or "/api/v1/windows/cases/?" + "&".join(f"{k}={v}" for k, v in params.items())
    deep_numbers = [c["number"] for c in client.get(deep_url).json()["results"]]
    last_id = Case.objects.filter(number=deep_numbers[0]).values_list("id", flat=True).get() + 1
    bare = Case.objects.filter(region_prefix_q(region), status="accepted").order_by("-id")
    pages = (
        ("1", lambda: client.get("/api/v1/windows/cases/", params), lambda: list(bare.values(*FIELDS)[:50])),
        (
            str(depth + 1),
            lambda: client.get(deep_url),
            lambda: list(bare.filter(id__lt=last_id).values(*FIELDS)[:50]),
        ),
    )
    results = []
    for page, api_call, bare_call in pages:
        api_ms, bare_ms = interleaved(api_call, bare_call, repeat)
        numbers = [c["number"] for c in api_call().json()["results"]]
        same = numbers == [r["number"] for r in bare_call()]
        results.append(
            Result(
                f"case list API vs bare .values(): {label} {region}, status=accepted, page {page}",
                ratio_text(api_ms, bare_ms),
                f"≤ {goal}×",
                api_ms / bare_ms <= goal and same,
                f"bare query's page: {'same numbers' if same else 'DIFFERENT'}",
            )
        )
    return results


if __name__ == "__main__":
    main()
