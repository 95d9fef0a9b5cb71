"""Pure rules of the webhooks: the signature, the retry schedule, which events a webhook asked for, which
addresses it may be sent to. No ORM, no I/O."""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import hmac
import ipaddress
from collections.abc import Iterable

#: the header a receiver checks: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>." + body>`
SIGNATURE_HEADER = "X-Jiuzhu-Signature"
#: attempts before a delivery is given up (then only a manual re-send sends it again)
MAX_ATTEMPTS = 8
#: the wait after the first failed attempt; each further failure doubles it, up to BACKOFF_CAP
BACKOFF_BASE = dt.timedelta(minutes=1)
BACKOFF_CAP = dt.timedelta(hours=2)
#: how long one POST may take (connect and answer)
TIMEOUT_SECONDS = 10


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """HMAC-SHA256 over "<timestamp>." followed by the exact body bytes, hex encoded."""
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def signature_header(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def backoff(failed_attempts: int) -> dt.timedelta:
    """The wait before the next attempt after `failed_attempts` failures (1 → 1 minute, 2 → 2, 3 → 4 …)."""
    return min(BACKOFF_BASE * (2 ** max(failed_attempts - 1, 0)), BACKOFF_CAP)


def wants(patterns: Iterable[str], event: str) -> bool:
    """Whether an event (`windows.case.updated`) matches one of a webhook's patterns (`windows.case.*`, `*`)."""
    return any(fnmatch.fnmatchcase(event, p) for p in patterns)


def unknown_patterns(patterns: Iterable[str], events: Iterable[str]) -> list[str]:
    """The patterns that match no event at all (a typo would otherwise subscribe to nothing, silently)."""
    known = list(events)
    return [p for p in patterns if not any(fnmatch.fnmatchcase(e, p) for e in known)]


def address_refused(address: str, allowed_networks: Iterable[str]) -> bool:
    """Whether a webhook may not be sent to this IP address (SSRF): anything but a public address, unless a
    setting lists its network (tests allow 127.0.0.1)."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if any(ip in ipaddress.ip_network(n, strict=False) for n in allowed_networks):
        return False
    return not ip.is_global or ip.is_multicast
