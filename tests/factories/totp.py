"""One-time passwords computed independently of django-otp (RFC 4226 HOTP, RFC 6238 TOTP with HMAC-SHA1): the
tests check the product's codes against these, and these against the RFCs' published vectors."""

from __future__ import annotations

import base64
import hashlib
import hmac
import struct
import time


def hotp(key: bytes, counter: int, digits: int = 6) -> str:
    mac = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    number = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(number % 10**digits).zfill(digits)


def totp(key: bytes, at: float | None = None, step: int = 30, digits: int = 6) -> str:
    return hotp(key, int((time.time() if at is None else at) // step), digits)


def key_from_secret(secret: str) -> bytes:
    """The key from the base32 secret an enrolment page shows (spaces and case as an app would accept them)."""
    text = secret.replace(" ", "").upper()
    return base64.b32decode(text + "=" * (-len(text) % 8))
