"""Benchmark: the production web server under load — gunicorn (4 workers, DEBUG off) on the province database.

Run standalone: `DATABASE_URL=postgres://… .venv/bin/python benchmarks/http_load.py [--seconds 20] [--clients 8]`
(after `benchmarks/windows_cases.py` has loaded its cases and accounts). Starts gunicorn on a free loopback port,
drives it with `benchmarks/load.py` (8 concurrent clients, one keep-alive connection each, bounded) and stops it by
PID. First a calibration load on a page that reads no table (the machine is shared: its ceiling at that moment), then
three loads, each checked against the database:

- intake `POST /api/v1/windows/cases/` as township staff: the cases added equal the 201 answers;
- the case list of a county (status=accepted, 50 a page) as its county admin: a page equals the bare query's page;
- the staffing compliance list at township level as the provincial viewer: its count equals the snapshot rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from benchmarks.common import Result, emit  # noqa: E402
from benchmarks.load import Load, drive  # noqa: E402
from regions.choices import Role  # noqa: E402
from regions.demo import demo_id_number  # noqa: E402
from regions.services import api_token_create, region_grant  # noqa: E402
from staffing.models import ComplianceSnapshot  # noqa: E402
from windows.models import Case, region_prefix_q  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COUNTY, TOWNSHIP = "440106", "440106001"  # 天河区, 五山街道: the accounts windows_cases.py made


def token_for(username: str, role: Role | None = None, code: str | None = None) -> str:
    user, created = get_user_model().objects.get_or_create(username=username)
    if created and role and code:
        region_grant(actor=None, user=user, region_code=code, role=role)
    return api_token_create(actor=user, user=user, name="基准测试")[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_gunicorn(port: int, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(ROOT / "var" / "bench" / "static"),
    }
    # DEBUG off serves static files from the manifest collectstatic writes (pages name them by hash)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v0"], cwd=ROOT, env=env, check=True
    )
    out = open(log, "w")  # noqa: SIM115  (closed with the process)
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", "4", "--bind", f"127.0.0.1:{port}"],
        cwd=ROOT,
        stdout=out,
        stderr=subprocess.STDOUT,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=2)
            return process
        except OSError:
            if process.poll() is not None:
                raise SystemExit(f"gunicorn exited: see {log}") from None
            time.sleep(0.5)
    return process


def get_json(base: str, path: str, token: str) -> dict:
    request = urllib.request.Request(
        base + path, headers={"Authorization": f"Token {token}", "X-Forwarded-Proto": "https"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def intake_body(n: int) -> str:
    day = dt.date(1940, 1, 1) + dt.timedelta(days=n % 20000)
    body = f"440106{day:%Y%m%d}{(n // 20000) % 1000:03d}"
    return json.dumps(
        {
            "applicant_name": "压测申请人",
            "id_number": demo_id_number(body),
            "phone": "13800138000",
            "household_region": TOWNSHIP,
            "accepting_region": TOWNSHIP,
            "category": "temporary",
            "channel": "walk_in",
            "description": "基准测试：并发受理",
        },
        ensure_ascii=False,
    )


def load_text(load: Load) -> str:
    return f"{load.per_second:.0f} req/s, p50 {load.p50:.0f} ms, p95 {load.p95:.0f} ms ({load.failed} failed)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    args = parser.parse_args()
    staff = token_for("bench_staff")
    admin = token_for("bench_county_admin")
    viewer = token_for("bench_province_viewer", Role.PROVINCIAL_VIEWER, "44")
    period = ComplianceSnapshot.objects.order_by("-period").values_list("period", flat=True).first()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = ROOT / "var" / "bench" / "gunicorn.log"
    process = start_gunicorn(port, log)
    results = []
    try:
        # the machine's capacity at this moment (it is shared): a page that reads no table, driven alike
        idle = drive(base, "/accounts/login/", **vars(args))
        results.append(
            Result(
                f"calibration: GET /accounts/login/ (no table read) on gunicorn, {args.clients} clients",
                load_text(idle),
                "(the ceiling of the rows below)",
                idle.failed == 0,
                f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
            )
        )
        before = Case.objects.count()
        intake = drive(base, "/api/v1/windows/cases/", token=staff, body=intake_body, **vars(args))
        added = Case.objects.count() - before
        ok = added == intake.requests and intake.failed == 0
        results.append(
            Result(
                f"intake POST /api/v1/windows/cases/, gunicorn 4 workers, {args.clients} clients",
                load_text(intake),
                "≥ 100 cases/s, p95 ≤ 150 ms",
                intake.per_second >= 100 and intake.p95 <= 150 and ok,
                f"cases added {added} = 201 answers {intake.requests}: {'yes' if ok else 'NO'}",
            )
        )
        path = f"/api/v1/windows/cases/?region={COUNTY}&status=accepted&page_size=50"
        listing = drive(base, path, token=admin, **vars(args))
        page = [c["number"] for c in get_json(base, path, admin)["results"]]
        bare = list(
            Case.objects.filter(region_prefix_q(COUNTY), status="accepted")
            .order_by("-id")
            .values_list("number", flat=True)[:50]
        )
        ok = page == bare and listing.failed == 0
        results.append(
            Result(
                f"case list (county, status) on gunicorn, {args.clients} clients",
                load_text(listing),
                "≥ 120 req/s",
                listing.per_second >= 120 and ok,
                f"page = bare query's page: {'yes' if ok else 'NO'}",
            )
        )
        path = f"/api/v1/staffing/compliance/?level=township&period={period}"
        compliance = drive(base, path, token=viewer, **vars(args))
        count = get_json(base, path, viewer)["count"]
        rows = ComplianceSnapshot.objects.filter(period=period, level="township").count()
        ok = count == rows and compliance.failed == 0
        results.append(
            Result(
                f"staffing compliance list (township level) on gunicorn, {args.clients} clients",
                load_text(compliance),
                "≥ 80 req/s",
                compliance.per_second >= 80 and ok,
                f"count {count} = snapshot rows {rows}: {'yes' if ok else 'NO'}",
            )
        )
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    emit(results)


if __name__ == "__main__":
    main()
