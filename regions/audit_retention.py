"""Retention of the security audit trail (网络安全法 第二十一条: logs kept no less than six months).

The beat job archives the records older than the retention (settings.AUDIT_RETENTION_DAYS, never under 183 days:
rules.audit_retention_days) to a gzip JSON-lines file under settings.AUDIT_ARCHIVE_DIR, written and synced before
anything is deleted; the file's first line carries the chain hashes it spans, and an `AuditArchive` row keeps the
file's SHA-256 and the last hash as the anchor the remaining chain starts from. Only a prefix of the chain whose
every record is older than the retention is purged: a younger record is never removed, whatever the clock did.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, audit_chain, rules
from .audit_models import AuditArchive, AuditRecord
from .choices import AUDIT_ADMIN_ROLES, AuditAction
from .notifications import notify


def retention_days() -> int:
    return rules.audit_retention_days(settings.AUDIT_RETENTION_DAYS)


def _purgeable_last_seq(cutoff: dt.datetime) -> int | None:
    """The last sequence number of the oldest run of records all older than `cutoff` (None: nothing to purge)."""
    first_young = AuditRecord.objects.filter(at__gte=cutoff).order_by("seq").values_list("seq", flat=True)
    old = AuditRecord.objects.filter(at__lt=cutoff)
    bound = first_young.first()
    if bound is not None:
        old = old.filter(seq__lt=bound)
    return old.order_by("-seq").values_list("seq", flat=True).first()


def _rows(last_seq: int) -> Iterator[dict[str, Any]]:
    fields = (*audit_chain.HASHED_FIELDS, "hash")
    for row in AuditRecord.objects.filter(seq__lte=last_seq).order_by("seq").values(*fields).iterator(2000):
        row["at"] = row["at"].astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        yield row


def _write(path: Path, header: dict[str, Any], rows: Iterator[dict[str, Any]]) -> tuple[int, str, str]:
    """Write the archive (header, then one record a line) to a temporary name, sync, rename; returns the count,
    the last hash and the file's SHA-256."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".part")
    count, last_hash = 0, header["first_prev_hash"]
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb") as gz:
        gz.write(json.dumps(header, ensure_ascii=False).encode() + b"\n")
        for row in rows:
            gz.write(json.dumps(row, ensure_ascii=False, sort_keys=True).encode() + b"\n")
            count, last_hash = count + 1, row["hash"]
        gz.close()
        raw.flush()
        os.fsync(raw.fileno())
    os.replace(tmp, path)
    return count, last_hash, hashlib.sha256(path.read_bytes()).hexdigest()


def _delete_through(last_seq: int) -> None:
    """The one deletion of audit records the product makes (the PostgreSQL trigger lets it through)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('jiuzhu.audit_purge', 'on', true)")
        cursor.execute(f"DELETE FROM {AuditRecord._meta.db_table} WHERE seq <= %s", [last_seq])  # noqa: S608
        if connection.vendor == "postgresql":
            cursor.execute("SELECT set_config('jiuzhu.audit_purge', 'off', true)")


def archive_and_purge(*, now: dt.datetime | None = None) -> AuditArchive | None:
    """Archive and purge the records older than the retention; None when there is nothing old enough."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=retention_days())
    with transaction.atomic():
        audit_chain.lock()
        last_seq = _purgeable_last_seq(cutoff)
        if last_seq is None:
            return None
        first = AuditRecord.objects.order_by("seq").values("seq", "prev_hash").first()
        assert first is not None  # last_seq exists, so some record does
        stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%S")
        path = (
            Path(settings.AUDIT_ARCHIVE_DIR) / f"audit-{first['seq']:012d}-{last_seq:012d}-{stamp}.jsonl.gz"
        )
        header = {
            "archive": "jiuzhu-audit",
            "first_seq": first["seq"],
            "last_seq": last_seq,
            "first_prev_hash": first["prev_hash"],
            "before": cutoff.isoformat(),
        }
        count, last_hash, sha256 = _write(path, header, _rows(last_seq))
        archive = AuditArchive.objects.create(
            created_at=now,
            path=str(path),
            sha256=sha256,
            first_seq=first["seq"],
            last_seq=last_seq,
            count=count,
            first_prev_hash=first["prev_hash"],
            last_hash=last_hash,
            before=cutoff,
        )
        _delete_through(last_seq)
        audit.record(
            AuditAction.AUDIT_ARCHIVE,
            actor=None,
            region_code="",
            target=path.name,
            summary=f"{first['seq']}-{last_seq} ({count}) sha256={sha256}",
        )
    return archive


def read_archive(path: str | Path) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The header and the records of an archive file."""
    with gzip.open(path, "rb") as gz:
        lines = [json.loads(line) for line in gz if line.strip()]
    return lines[0], lines[1:]


def check_archive(archive: AuditArchive) -> audit_chain.ChainStatus:
    """An archive file against its row: the file's SHA-256, then the chain inside it from its first prev hash."""
    path = Path(archive.path)
    if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != archive.sha256:
        return audit_chain.ChainStatus(False, 0, archive.first_seq, "file")
    _, rows = read_archive(path)
    status = audit_chain.check_rows(rows, archive.first_prev_hash, archive.first_seq - 1)
    if status.ok and (status.checked != archive.count or (rows and rows[-1]["hash"] != archive.last_hash)):
        return audit_chain.ChainStatus(False, status.checked, archive.last_seq, "file")
    return status


def chain_check(*, actor: Any = None) -> audit_chain.ChainStatus:
    """Verify the chain (the database from its anchor) and append the result to the trail itself; a broken chain
    notifies every audit administrator once per broken link (the nightly job, or an audit administrator's click)."""
    status = audit_chain.verify()
    summary = f"ok {status.checked}" if status.ok else f"broken seq={status.broken_seq} {status.reason}"
    audit.record(AuditAction.CHAIN_CHECK, actor=actor, region_code="", summary=summary)
    if not status.ok:
        admins = (
            get_user_model()
            .objects.filter(
                is_active=True,
                regionuserobjectpermission__permission__codename__in=[
                    f"role_{r.value}" for r in AUDIT_ADMIN_ROLES
                ],
            )
            .distinct()
        )
        notify(
            admins,
            title=_("审计记录链在第 %(seq)s 条断开") % {"seq": status.broken_seq},
            body=_("审计记录可能被篡改，请核查并保全证据。"),
            url=reverse("regions:audit"),
            kind="audit_chain_broken",
            key=f"audit_chain_broken:{status.broken_seq}:{status.reason}",
        )
    return status
