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
        payload = body.replace("{n}", str(n)).encode() if body else None
        started = time.perf_counter()
        try:
            connection.request("POST" if payload else "GET", path, body=payload, headers=headers)
            response = connection.getresponse()
            response.read()
            ok = response.status < 400
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
            connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
        results.append((time.perf_counter() - started, ok))
    connection.close()


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
    url = urllib.parse.urlsplit(args.url)
    loopback_only(url.hostname or "")
    clients, seconds = min(args.clients, MAX_CLIENTS), min(args.seconds, MAX_SECONDS)
    headers = {"Accept": "application/json", "Content-Type": "application/json"}
    if args.token:
        headers["Authorization"] = f"Token {args.token}"
    body = open(args.post, encoding="utf-8").read() if args.post else ""
    results: list[tuple[float, bool]] = []
    counter, lock = [int(time.time())], threading.Lock()
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(url, args.path, headers, body, until, counter, lock, results))
        for _ in range(clients)
    ]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    times = sorted(t * 1000 for t, ok in results if ok)
    failed = sum(1 for _, ok in results if not ok)
    if not times:
        sys.exit(f"no successful request ({failed} failed)")
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(
        f"{'POST' if body else 'GET'} {args.path}: {clients} clients, {elapsed:.0f} s: "
        f"{len(times) / elapsed:.1f} req/s, p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, "
        f"{failed} failed"
    )


if __name__ == "__main__":
    main()
