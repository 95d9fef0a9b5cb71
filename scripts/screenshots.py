"""Screenshots for issue 14's closing note, taken again against a running server (not a test).

Logs in with a demo account in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright as the browser
tests do) and saves four PNGs: the case queue, the intake form and the staffing dashboard at 1366×768 (the dashboard
down to 1400 px, its chart and first rows), and the home page's header on a phone at 390×844 (the first screen, as a
person sees it).

    make run                                   # another shell: the demo on 127.0.0.1:8000
    .venv/bin/python scripts/screenshots.py --base http://127.0.0.1:8000 --prefix after

Writes docs/screenshots/<prefix>-queue.png, -intake.png, -dashboard.png, -phone-header.png, then shrinks them with
pngquant and optipng when installed (apt-get install pngquant optipng). An account that must give a second factor
needs --totp-secret (the base32 key of its authenticator); the default account, the county clerk, does not.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import os
import shutil
import struct
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import FloatRect, Page, ViewportSize, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
DESK: ViewportSize = {"width": 1366, "height": 768}
PHONE: ViewportSize = {"width": 390, "height": 844}
#: name, path, viewport, how much of the page from its top (the dashboard: down to its chart and first rows)
SHOTS = [
    ("queue", "/windows/queue/", DESK, 768),
    ("intake", "/windows/intake/", DESK, 768),
    ("dashboard", "/staffing/", DESK, 1400),
    ("phone-header", "/", PHONE, 844),
]


def totp(secret: str, at: float | None = None) -> str:
    """RFC 6238 with SHA-1, 30-second steps, six digits (what an authenticator app shows)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    step = int((time.time() if at is None else at) // 30)
    digest = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def log_in(page: Page, base: str, username: str, password: str, secret: str | None) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")
    if "/accounts/2fa/" in page.url:
        if not secret:
            sys.exit(f"{username} must give a second factor: pass --totp-secret, or use the county clerk")
        page.fill("#id_token", totp(secret))
        page.click("button[type=submit].primary")
        page.wait_for_load_state("networkidle")
    if page.url.rstrip("/") != base.rstrip("/"):
        sys.exit(f"the login as {username} did not reach the home page (now at {page.url})")


def shrink(path: Path) -> None:
    if shutil.which("pngquant"):
        subprocess.run(["pngquant", "--force", "--skip-if-larger", "--output", str(path), "256", str(path)])
    if shutil.which("optipng"):
        subprocess.run(["optipng", "-quiet", "-o2", str(path)], check=True)


def take(base: str, prefix: str, out: Path, username: str, password: str, secret: str | None) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    saved = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=["--no-sandbox", "--disable-gpu", "--lang=zh-CN"],
        )
        page = browser.new_context(locale="zh-CN", viewport=DESK).new_page()
        log_in(page, base, username, password, secret)
        for name, path, viewport, height in SHOTS:
            page.set_viewport_size(viewport)
            response = page.goto(f"{base}{path}", wait_until="networkidle")
            if response is None or response.status != 200:
                sys.exit(f"{path} answered {response.status if response else 'nothing'} for {username}")
            target = out / f"{prefix}-{name}.png"
            clip: FloatRect = {"x": 0, "y": 0, "width": viewport["width"], "height": height}
            page.screenshot(path=str(target), full_page=True, clip=clip)
            shrink(target)
            saved.append(target)
        browser.close()
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000", help="the running server")
    parser.add_argument("--prefix", default="after", help="file names start with it (before, after)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument(
        "--username", default="tianhe_staff", help="a demo account (default: the county clerk)"
    )
    parser.add_argument("--password", default="Jiuzhu@2026", help="the demo accounts' password")
    parser.add_argument(
        "--totp-secret", help="base32 authenticator key, for an account that needs a second factor"
    )
    args = parser.parse_args()
    base = args.base.rstrip("/")
    for path in take(base, args.prefix, args.out, args.username, args.password, args.totp_secret):
        print(
            f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}: {path.stat().st_size // 1024} KB"
        )


if __name__ == "__main__":
    main()
