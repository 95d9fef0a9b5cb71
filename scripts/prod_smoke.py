"""Production smoke test: the real components, not the in-process mode.

Starts gunicorn, a Celery worker and Celery beat with DEBUG off against PostgreSQL and Redis on this machine, then
drives one flow over HTTP as a county clerk and a provincial system would: log in through the login page, register a
case through the API, upload a caseload workbook on the caseloads page (the worker validates it, the clerk confirms
the preview, the worker saves it), wait for the worker's compliance recompute, read the compliance
API, queue the month's overview and read it once the worker has computed it. Checks `manage.py check --deploy`
first. Stops everything it started by PID, and drops its database.

    python scripts/prod_smoke.py        (needs PostgreSQL on 127.0.0.1:5432 and Redis on 127.0.0.1:6379)

Exit status 0 when every step passed; the first failing step is printed with the last lines of the server logs.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import http.cookies
import io
import json
import os
import secrets
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG = os.environ.get("SMOKE_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("SMOKE_REDIS", "redis://127.0.0.1:6379")
COUNTY, TOWNSHIP = "440106", "440106001"  # 天河区, 五山街道 (real divisions, shipped in regions/data)
PASSWORD = "Smoke-test-2026!"
#: the clerk (a county admin) logs in with a second factor (regions.twofactor): its authenticator's key
TOTP_KEY = secrets.token_bytes(20)


def totp_now(key: bytes) -> str:
    """The current RFC 6238 code (HMAC-SHA1, 30 s, 6 digits), as an authenticator app shows it."""
    mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
    number = int.from_bytes(mac[(mac[-1] & 0x0F) :][:4], "big") & 0x7FFFFFFF
    return str(number % 1_000_000).zfill(6)


# a resident ID number whose check character is right by GB 11643-1999, computed by hand: the weights
# 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 over 44010619800101008 sum to 182, 182 mod 11 = 6, and "10X98765432"[6] = "6"
ID_NUMBER = "440106198001010086"


class SmokeFailed(Exception):
    pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def run(*args: str, env: dict[str, str]) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        raise SmokeFailed(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return done.stdout


class Client:
    """A browser-like HTTP client: keeps cookies itself (they are Secure, and the smoke speaks plain HTTP to a
    server told by X-Forwarded-Proto that a TLS proxy is in front), sends CSRF tokens and a same-origin Referer."""

    def __init__(self, base: str, host: str):
        self.base, self.host = base, host
        self.cookies: dict[str, str] = {}
        self.headers: dict[str, str] = {}
        self.last_location = ""

    def request(self, method: str, path: str, *, data: bytes | None = None, headers: dict | None = None):
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("X-Forwarded-Proto", "https")
        req.add_header("Referer", f"https://{self.host}{path}")
        if self.cookies:
            req.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        for name, value in {**self.headers, **(headers or {})}.items():
            req.add_header(name, value)
        opener = urllib.request.build_opener(NoRedirect)
        try:
            response = opener.open(req, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        self.last_location = urllib.parse.urlsplit(response.headers.get("Location") or "").path
        for raw in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(raw)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return response.status, response.read().decode("utf-8", "replace")

    def form(self, path: str, fields: dict[str, str]):
        """POST a form as the browser does (with the CSRF token of the cookie)."""
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.cookies["csrftoken"]}).encode()
        return self.request(
            "POST", path, data=data, headers={"Content-Type": "application/x-www-form-urlencoded"}
        )

    def upload(self, path: str, field: str, filename: str, content: bytes):
        """POST a file as the browser's multipart form does (with the CSRF token of the cookie)."""
        boundary = secrets.token_hex(16)
        quoted = urllib.parse.quote(filename)
        parts = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{self.cookies['csrftoken']}\r\n".encode(),
            f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{quoted}"\r\n'
            "Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n".encode()
            + content
            + b"\r\n",
            f"--{boundary}--\r\n".encode(),
        ]
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        return self.request("POST", path, data=b"".join(parts), headers=headers)

    def json(self, method: str, path: str, payload=None):
        data = json.dumps(payload).encode() if payload is not None else None
        status, body = self.request(method, path, data=data, headers={"Content-Type": "application/json"})
        try:
            return status, json.loads(body) if body else None
        except json.JSONDecodeError:
            return status, body


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def expect(condition: bool, step: str, detail: object = "") -> None:
    if not condition:
        raise SmokeFailed(f"{step}: {detail}")
    print(f"  ok  {step}")


def wait_for_http(client: Client, seconds: int = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            client.request("GET", "/accounts/login/")
            return
        except OSError:
            time.sleep(0.5)
    raise SmokeFailed("gunicorn did not answer")


def prepare(env: dict[str, str]) -> None:
    run(PYTHON, "manage.py", "migrate", "--no-input", "-v0", env=env)
    run(PYTHON, "manage.py", "collectstatic", "--no-input", "-v0", env=env)
    run(PYTHON, "manage.py", "load_regions", "regions/data/regions-guangdong-2022.csv", env=env)
    out = run(PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING", env=env)
    print("  ok  manage.py check --deploy:", out.strip().splitlines()[-1] if out.strip() else "no issues")
    script = (
        "from django.contrib.auth import get_user_model;"
        "from regions.services import region_grant, api_token_create;"
        "U = get_user_model();"
        f"clerk = U.objects.create_user('smoke_clerk', password='{PASSWORD}', first_name='冒烟测试');"
        f"region_grant(actor=None, user=clerk, region_code='{COUNTY}', role='county_admin');"
        "from django_otp.plugins.otp_totp.models import TOTPDevice;"
        f"TOTPDevice.objects.create(user=clerk, key='{TOTP_KEY.hex()}', confirmed=True, name='smoke');"
        "api = U.objects.create_user('smoke_api');"
        "region_grant(actor=None, user=api, region_code='44', role='service_account');"
        "print(api_token_create(actor=api, user=api, name='冒烟测试')[1])"
    )
    env["SMOKE_TOKEN"] = run(PYTHON, "manage.py", "shell", "-c", script, env=env).strip().splitlines()[-1]


def start(env: dict[str, str], port: int, logs: Path) -> list[subprocess.Popen]:
    commands = {
        "gunicorn": [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        "worker": [PYTHON, "-m", "celery", "-A", "config", "worker", "-l", "info", "--concurrency", "1"],
        "beat": [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "config",
            "beat",
            "-l",
            "info",
            "-s",
            str(logs / "beat-schedule"),
        ],
    }
    started = []
    for name, command in commands.items():
        log = open(logs / f"{name}.log", "w")  # noqa: SIM115  (closed with the process)
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        (logs / f"{name}.pid").write_text(str(process.pid))
        started.append(process)
    return started


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def caseload_workbook(period: str) -> bytes:
    """A month of caseloads as a county fills in the page's template (an .xlsx of the import's columns)."""
    from openpyxl import Workbook  # noqa: PLC0415  (the project's dependency, imported where the smoke needs it)

    book = Workbook()
    sheet = book.active
    sheet.append(["区划代码", "名称", "月份", "低保户数", "特困户数", "临时救助户数"])
    sheet.append([TOWNSHIP, "五山街道", period, 420, 30, 12])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def wait_for_page(client: Client, path: str, text: str, seconds: int = 90) -> str:
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        status, body = client.request("GET", path)
        if status == 200 and text in body:
            return body
        time.sleep(1)
    raise SmokeFailed(f"{path} did not show {text!r} within {seconds} s: {body[-600:]}")


def upload_caseloads(clerk: Client, period: str) -> None:
    """The clerk uploads a caseload workbook on the caseloads page; the worker validates it (the preview); the
    clerk confirms; the worker saves the rows (and queues the month's compliance recompute)."""
    status, page = clerk.request("GET", "/staffing/caseloads/")
    expect(
        status == 200 and "/staffing/caseloads/import/" in page,
        "the caseloads page offers the upload",
        status,
    )
    status, _ = clerk.upload("/staffing/caseloads/import/", "file", "户数.xlsx", caseload_workbook(period))
    location = clerk.last_location
    expect(
        status == 302 and "/staffing/caseloads/import/" in location, "a caseload workbook uploaded", status
    )
    wait_for_page(clerk, location, "校验通过")
    print("  ok  the Celery worker validated it: the preview shows the rows")
    status, _ = clerk.form(f"{location}confirm/", {})
    expect(status == 302, "the clerk confirms the preview", status)
    wait_for_page(clerk, location, "已保存")
    print("  ok  the Celery worker saved the rows")


def flow(base: str, host: str, token: str) -> None:
    clerk = Client(base, host)
    status, _ = clerk.request("GET", "/accounts/login/")
    expect(status == 200 and "csrftoken" in clerk.cookies, "login page served with a CSRF cookie", status)
    form = urllib.parse.urlencode(
        {"username": "smoke_clerk", "password": PASSWORD, "csrfmiddlewaretoken": clerk.cookies["csrftoken"]}
    ).encode()
    status, _ = clerk.request(
        "POST", "/accounts/login/", data=form, headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    expect(status == 302 and "sessionid" in clerk.cookies, "clerk logs in", status)
    status, _ = clerk.request("GET", "/")
    expect(status == 302, "a county admin is asked for the second factor first", status)
    form = urllib.parse.urlencode(
        {"token": totp_now(TOTP_KEY), "csrfmiddlewaretoken": clerk.cookies["csrftoken"]}
    ).encode()
    status, _ = clerk.request(
        "POST",
        "/accounts/2fa/verify/",
        data=form,
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    expect(status == 302, "the clerk gives the authenticator's code", status)
    status, body = clerk.request("GET", "/")
    expect(status == 200 and "天河区" in body, "home page shows the clerk's county", status)

    clerk.headers["X-CSRFToken"] = clerk.cookies["csrftoken"]
    status, window = clerk.json(
        "POST",
        "/api/v1/windows/windows/",
        {
            "region": TOWNSHIP,
            "name": "五山街道社会救助窗口（冒烟测试）",
            "address": "五山路1号",
            "hours": "工作日 9:00-17:00",
            "phone": "020-12345678",
            "duty_officer": "smoke_clerk",
        },
    )
    expect(status == 201, "the clerk opens a service window (session + CSRF)", window)

    system = Client(base, host)
    system.headers["Authorization"] = f"Token {token}"
    status, case = system.json(
        "POST",
        "/api/v1/windows/cases/",
        {
            "applicant_name": "冒烟测试",
            "id_number": ID_NUMBER,
            "phone": "13800138000",
            "household_region": TOWNSHIP,
            "accepting_region": TOWNSHIP,
            "category": "dibao",
            "channel": "online",
            "description": "生产环境冒烟测试：申请最低生活保障",
        },
    )
    expect(
        status == 201 and isinstance(case, dict) and bool(case.get("number")),
        "case registered through the API",
        case,
    )
    status, listing = clerk.json("GET", "/api/v1/windows/cases/")
    numbers = [c["number"] for c in (listing or {}).get("results", [])]
    expect(status == 200 and case["number"] in numbers, "the clerk's case list shows it", status)

    period = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    upload_caseloads(clerk, period)
    deadline = time.monotonic() + 90
    found = None
    while time.monotonic() < deadline and not found:
        status, snapshots = clerk.json(
            "GET", f"/api/v1/staffing/compliance/?period={period}&region={TOWNSHIP}"
        )
        found = [s for s in (snapshots or {}).get("results", []) if s.get("region") == TOWNSHIP]
        if not found:
            time.sleep(1)
    expect(bool(found), "the Celery worker recomputed compliance for that month", snapshots)

    status, queued = clerk.json("POST", "/api/v1/oversight/overview/recompute/", {"period": period})
    expect(status == 202, "the county admin queues the month's overview", queued)
    deadline = time.monotonic() + 90
    overview: dict = {}
    while time.monotonic() < deadline:
        status, body = clerk.json("GET", f"/api/v1/overview/?region={COUNTY}&period={period}")
        if status == 200 and isinstance(body, dict) and body.get("computed_at") and body.get("self"):
            overview = body
            break
        time.sleep(1)
    children = {row.get("region") for row in overview.get("children", [])}
    expect(
        bool(overview) and TOWNSHIP in children,
        "the Celery worker computed the overview; the county's reads it with the township in it",
        overview or body,
    )


def main() -> int:
    logs = ROOT / "var" / "smoke"
    logs.mkdir(parents=True, exist_ok=True)
    database = f"jiuzhu_smoke_{os.getpid()}"
    port = free_port()
    host = f"127.0.0.1:{port}"
    env = {
        **os.environ,
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "FIELD_ENCRYPTION_KEY": base64.urlsafe_b64encode(secrets.token_bytes(32)).decode(),
        "DATABASE_URL": f"{PG}/{database}",
        "CELERY_BROKER_URL": f"{REDIS}/14",
        "CELERY_RESULT_BACKEND": f"{REDIS}/14",
        "CACHE_URL": f"{REDIS}/13",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(logs / "static"),
        "MEDIA_ROOT": str(logs / "media"),
        "VAR_DIR": str(logs),
    }
    run("psql", f"{PG}/postgres", "-q", "-c", f"CREATE DATABASE {database}", env=env)
    processes: list[subprocess.Popen] = []
    try:
        print("== prepare (migrate, collectstatic, regions, check --deploy, accounts)")
        prepare(env)
        print(f"== start gunicorn on {host}, a Celery worker and beat (logs in {logs})")
        processes = start(env, port, logs)
        wait_for_http(Client(f"http://{host}", host))
        print("== flow")
        flow(f"http://{host}", host, env["SMOKE_TOKEN"])
        dead = [p.pid for p in processes if p.poll() is not None]
        expect(not dead, "every process still running at the end", dead)
        print("prod-smoke: passed")
        return 0
    except SmokeFailed as failure:
        print(f"prod-smoke FAILED: {failure}")
        for log in sorted(logs.glob("*.log")):
            print(f"--- {log.name} (last lines)\n" + "\n".join(log.read_text().splitlines()[-25:]))
        return 1
    finally:
        stop(processes)
        subprocess.run(
            ["psql", f"{PG}/postgres", "-q", "-c", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)"],
            capture_output=True,
        )


if __name__ == "__main__":
    sys.exit(main())
