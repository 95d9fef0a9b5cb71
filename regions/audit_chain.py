"""The hash chain of the audit trail (tamper evidence, GB/T 22239-2019 8.1.4.3 c: 审计记录应进行保护 … 避免受到未预期
的删除、修改或覆盖).

Each record's hash is SHA-256 over its own fields in a canonical JSON form and the previous record's hash; the
first record follows GENESIS, or, after a retention purge, the last hash of the newest archive (its anchor).
Writers take one lock (PostgreSQL: a transaction-scoped advisory lock; SQLite: every transaction holds the write
lock from its start) so two writers at once still make one unbroken chain; `seq` is unique besides.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection

from .audit_models import AuditArchive, AuditRecord

GENESIS = "0" * 64
#: an arbitrary constant naming the audit chain's advisory lock on PostgreSQL
LOCK_KEY = 0x6A69755A6875  # "jiuZhu"
HASHED_FIELDS = (
    "seq",
    "at",
    "actor_id",
    "username",
    "address",
    "action",
    "region_code",
    "target",
    "summary",
    "changes",
    "prev_hash",
)


def _at(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def canonical(row: Mapping[str, Any]) -> bytes:
    """The bytes hashed for a record given as a mapping of HASHED_FIELDS (a model's values() or an archive line)."""
    values = {name: row[name] for name in HASHED_FIELDS}
    if isinstance(values["at"], dt.datetime):
        values["at"] = _at(values["at"])
    return json.dumps(values, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def digest(row: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(row)).hexdigest()


def lock() -> None:
    """Serialise chain writers until the end of the current transaction (call inside transaction.atomic)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def head() -> tuple[int, str]:
    """The last sequence number and hash the next record chains to (call under lock())."""
    last = AuditRecord.objects.order_by("-seq").values_list("seq", "hash").first()
    if last:
        return last[0], last[1]
    anchor = AuditArchive.objects.order_by("-last_seq").values_list("last_seq", "last_hash").first()
    return anchor if anchor else (0, GENESIS)


@dataclass(frozen=True)
class ChainStatus:
    ok: bool
    checked: int
    #: the sequence number of the first record whose link is broken (None when the chain holds)
    broken_seq: int | None = None
    reason: str = ""


def check_rows(rows: Iterable[Mapping[str, Any]], start_prev: str, start_seq: int) -> ChainStatus:
    """Walk rows in sequence order from the anchor (start_prev, start_seq): the first row that was edited (its
    hash no longer matches its fields), whose predecessor was removed or edited (its prev_hash no longer names the
    row before), or that is missing from the sequence is the broken link."""
    prev, expected_seq, checked = start_prev, start_seq + 1, 0
    for row in rows:
        seq = row["seq"]
        if seq != expected_seq:
            return ChainStatus(False, checked, expected_seq, "missing")
        if row["prev_hash"] != prev:
            return ChainStatus(False, checked, seq, "prev_hash")
        if digest(row) != row["hash"]:
            return ChainStatus(False, checked, seq, "hash")
        prev, expected_seq, checked = row["hash"], seq + 1, checked + 1
    return ChainStatus(True, checked)


def verify() -> ChainStatus:
    """Check the chain in the database from its anchor (GENESIS or the newest archive's last hash)."""
    anchor = AuditArchive.objects.order_by("-last_seq").values_list("last_seq", "last_hash").first()
    start_seq, start_prev = anchor if anchor else (0, GENESIS)
    rows = (
        AuditRecord.objects.filter(seq__gt=start_seq)
        .order_by("seq")
        .values(*HASHED_FIELDS, "hash")
        .iterator(chunk_size=2000)
    )
    return check_rows(rows, start_prev, start_seq)
