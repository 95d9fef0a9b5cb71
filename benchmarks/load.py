"""Load from N concurrent clients against a server on this machine; prints requests/s, p50 and p95.

    .venv/bin/python benchmarks/load.py --url http://127.0.0.1:8000 --path /api/v1/windows/cases/ \\
        --token TOKEN --clients 8 --seconds 20

Bounded on purpose: loopback addresses only (127.0.0.0/8, ::1, localhost), at most 64 clients and 120 seconds,
and it stops by itself. `--post FILE` sends the JSON in FILE as a POST body (e.g. an intake); `{n}` in the body is
replaced by a counter so each request differs (numbers, names). Each client keeps one HTTP/1.1 connection.
"""

from __future__ import annotations

import argparse
import http.client
import ipaddress
import socket
import statistics
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable
from typing import NamedTuple

MAX_CLIENTS, MAX_SECONDS = 64, 120


def loopback_only(host: str) -> None:
    addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    if not addresses or not all(ipaddress.ip_address(a).is_loopback for a in addresses):
        sys.exit(f"refusing {host}: load is only sent to this machine's loopback addresses")


def client(url, path, headers, body, until, counter, lock, results) -> None:
    connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
    while time.monotonic() < until:
        with lock:
            counter[0] += 1
            n = counter[0]
        text = body(n) if callable(body) else body.replace("{n}", str(n))
        payload = text.encode() if text else None
        started = time.perf_counter()
        try:
            connection.request("POST" if payload else "GET", path, body=payload, headers=headers)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            status = 0
            connection.close()
            connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
        results.append((time.perf_counter() - started, status))
    connection.close()


class Load(NamedTuple):
    requests: int
    failed: int
    seconds: float
    per_second: float
    p50: float
    p95: float
    statuses: dict[int, int]


def drive(
    base: str,
    path: str,
    *,
    token: str = "",
    body: str | Callable[[int], str] = "",
    clients: int = 8,
    seconds: float = 20,
) -> Load:
    """`clients` threads, each on one HTTP/1.1 connection, send requests to `base + path` for `seconds` (a POST
    when there is a `body`: a string whose `{n}` is replaced by a counter, or a function of the counter)."""
    url = urllib.parse.urlsplit(base)
    loopback_only(url.hostname or "")
    clients, seconds = min(clients, MAX_CLIENTS), min(seconds, MAX_SECONDS)
    headers = {"Accept": "application/json", "Content-Type": "application/json", "X-Forwarded-Proto": "https"}
    if token:
        headers["Authorization"] = f"Token {token}"
    results: list[tuple[float, int]] = []
    counter, lock = [int(time.time())], threading.Lock()
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(url, path, headers, body, until, counter, lock, results))
        for _ in range(clients)
    ]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    times = sorted(t * 1000 for t, status in results if 0 < status < 400)
    statuses: dict[int, int] = {}
    for _, status in results:
        statuses[status] = statuses.get(status, 0) + 1
    failed = len(results) - len(times)
    if not times:
        return Load(0, failed, elapsed, 0.0, 0.0, 0.0, statuses)
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    return Load(len(times), failed, elapsed, len(times) / elapsed, statistics.median(times), p95, statuses)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--path", required=True)
    parser.add_argument("--token", default="")
    parser.add_argument("--post", help="a JSON file to POST ({n} is replaced by a counter)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    body = open(args.post, encoding="utf-8").read() if args.post else ""
    load = drive(args.url, args.path, token=args.token, body=body, clients=args.clients, seconds=args.seconds)
    if not load.requests:
        sys.exit(f"no successful request ({load.failed} failed: {load.statuses})")
    print(
        f"{'POST' if body else 'GET'} {args.path}: {min(args.clients, MAX_CLIENTS)} clients, {load.seconds:.0f} s: "
        f"{load.per_second:.1f} req/s, p50 {load.p50:.0f} ms, p95 {load.p95:.0f} ms, {load.failed} failed"
    )


if __name__ == "__main__":
    main()
