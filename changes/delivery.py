"""Posting one webhook body: the target checked against SSRF, the connection pinned to the checked address.

Only http and https. The host name is resolved once; every address it resolves to must be public (or in the
networks the setting WEBHOOK_ALLOWED_NETWORKS lists: tests allow 127.0.0.1), and the connection goes to that
checked address, so a DNS answer that changes between the check and the connection (rebinding) cannot send it
inside. Redirects are not followed (a 3xx is a failed attempt).
"""

from __future__ import annotations

import http.client
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from . import rules


class TargetRefused(ValueError):
    """The URL may not receive webhooks (scheme, host, or an address inside)."""


@dataclass(frozen=True)
class Target:
    scheme: str
    host: str
    port: int
    path: str
    address: str


def check_url(url: str) -> Target:
    """Parse, resolve and check a webhook URL; TargetRefused (with a Chinese reason) when it may not be used."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise TargetRefused(_("接收地址只能是 http 或 https 网址。"))
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (ValueError, OSError) as exc:
        raise TargetRefused(_("接收地址无法解析：%(host)s") % {"host": parts.hostname}) from exc
    addresses = sorted({str(info[4][0]) for info in infos})
    allowed = getattr(settings, "WEBHOOK_ALLOWED_NETWORKS", [])
    if not addresses or any(rules.address_refused(a, allowed) for a in addresses):
        raise TargetRefused(_("接收地址指向内网、本机或保留地址，不允许推送。"))
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, parts.hostname, port, path, addresses[0])


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to a checked address, with the certificate checked against the host name."""

    def __init__(self, target: Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout, context=ssl.create_default_context())
        self._address = target.address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    """POST `body` to `url`; returns the status code. Raises TargetRefused or OSError (network, timeout)."""
    target = check_url(url)
    timeout = rules.TIMEOUT_SECONDS
    connection: http.client.HTTPConnection
    if target.scheme == "https":
        connection = _PinnedHTTPSConnection(target, timeout)
    else:
        connection = http.client.HTTPConnection(target.address, target.port, timeout=timeout)
    host = target.host if target.port in (80, 443) else f"{target.host}:{target.port}"
    try:
        connection.request("POST", target.path, body=body, headers={**headers, "Host": host})
        response = connection.getresponse()
        response.read(64 * 1024)  # the answer is not used; read a little so the connection closes cleanly
        return response.status
    except http.client.HTTPException as exc:
        raise OSError(str(exc)) from exc
    finally:
        connection.close()
