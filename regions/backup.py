"""Database backups (GB/T 22239-2019 8.1.4.9 数据备份恢复 a) 应提供重要数据的本地数据备份与恢复功能; issue 13: the
system administrator sees the backup status).

`manage.py backup_database`, the nightly beat job and the system administrator's button each start one run (a
`BackupRun` row; a second while one runs is a conflict, 409) and execute it:

- SQLite: the online backup API (`sqlite3.Connection.backup`, a consistent copy while the product runs), the copy
  gzip-compressed to `<name>.sqlite3.gz`;
- PostgreSQL: `pg_dump --format=custom` (already compressed; restore with pg_restore) to `<name>.dump`; a missing
  pg_dump is a failure whose message says to install the PostgreSQL client.

Files go to settings.BACKUP_DIR under a temporary name, are synced and renamed; the run keeps the file's name, size
and SHA-256, or the error. After a success only the last BACKUP_KEEP files are kept. Every run ends in a security
audit record. The files hold every record of the product: the directory must be readable by the service account
only (the files are created with mode 0600).
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import logging
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import Conflict

from . import audit, rules
from .backup_models import BackupRun, BackupStatus
from .choices import AuditAction

logger = logging.getLogger(__name__)


class BackupFailed(Exception):
    """A backup could not be written; the message says why (it is kept on the run)."""


def _close_stale(now: dt.datetime) -> None:
    """A run still marked running after BACKUP_STALE_HOURS died with its process: close it as failed, so the next
    run may start."""
    BackupRun.objects.filter(
        status=BackupStatus.RUNNING, started_at__lt=now - dt.timedelta(hours=settings.BACKUP_STALE_HOURS)
    ).update(
        status=BackupStatus.FAILED,
        finished_at=now,
        error=_("备份进程中断（超过 %(hours)s 小时未结束）") % {"hours": settings.BACKUP_STALE_HOURS},
    )


def backup_start(*, actor: Any = None) -> BackupRun:
    """A new run, marked running; Conflict (409) when another is running (of two starts at once, one wins: the
    database allows one running row)."""
    now = timezone.now()
    _close_stale(now)
    try:
        with transaction.atomic():
            run = BackupRun.objects.create(started_at=now, vendor=connection.vendor, requested_by=actor)
    except IntegrityError:
        raise Conflict(_("已有一次备份正在进行，请等待其完成"), code="backup_running") from None
    if actor is not None:  # the button: who asked, from where (the run's end is recorded too)
        audit.record(AuditAction.BACKUP, actor=actor, region_code="", summary="requested")
    return run


def _sqlite(target: Path) -> None:
    """A consistent copy through SQLite's online backup API, then gzip."""
    if connection.in_atomic_block:
        # the source connection's own open transaction locks the backup out (it would wait for ever): a backup
        # runs from a command or a task, never inside a transaction
        raise BackupFailed(_("SQLite 备份不能在事务中进行"))
    copy = target.with_name(target.name + ".db.part")
    try:
        connection.ensure_connection()
        destination = sqlite3.connect(copy)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
        with open(copy, "rb") as source, gzip.open(target, "wb") as packed:
            shutil.copyfileobj(source, packed, 1024 * 1024)
    except sqlite3.Error as exc:
        raise BackupFailed(_("SQLite 备份失败：%(error)s") % {"error": exc}) from exc
    finally:
        copy.unlink(missing_ok=True)


def _postgresql(target: Path) -> None:
    """pg_dump in its custom format (compressed; pg_restore reads it)."""
    program = shutil.which("pg_dump")
    if program is None:
        raise BackupFailed(_("未找到 pg_dump 程序，请在服务器上安装 PostgreSQL 客户端（postgresql-client）"))
    db = connection.settings_dict
    command = [program, "--format=custom", f"--file={target}", f"--dbname={db['NAME']}"]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            command.append(f"{option}={db[key]}")
    env = {**os.environ, "PGPASSWORD": str(db.get("PASSWORD") or "")}
    try:
        done = subprocess.run(  # noqa: S603 (a fixed program and arguments, no shell)
            command, env=env, capture_output=True, timeout=settings.BACKUP_PG_DUMP_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise BackupFailed(_("pg_dump 超时（%(seconds)s 秒）") % {"seconds": exc.timeout}) from exc
    if done.returncode != 0:
        detail = done.stderr.decode("utf-8", "replace").strip()[-1000:]
        raise BackupFailed(
            _("pg_dump 失败（退出码 %(code)s）：%(error)s") % {"code": done.returncode, "error": detail}
        )


DUMPERS = {"sqlite": (_sqlite, "sqlite3.gz"), "postgresql": (_postgresql, "dump")}


def _write(run: BackupRun) -> tuple[str, int, str]:
    """Dump the database for `run` into BACKUP_DIR; the file's name, size and SHA-256."""
    if run.vendor not in DUMPERS:
        raise BackupFailed(_("不支持备份此类数据库：%(vendor)s") % {"vendor": run.vendor})
    dump, extension = DUMPERS[run.vendor]
    directory = Path(settings.BACKUP_DIR)
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise BackupFailed(
            _("无法创建备份目录 %(dir)s：%(error)s") % {"dir": directory, "error": exc}
        ) from exc
    name = f"jiuzhu-{timezone.localtime(run.started_at):%Y%m%d-%H%M%S}-{run.pk}.{extension}"
    target, part = directory / name, directory / f"{name}.part"
    try:
        part.touch(mode=0o600)
        dump(part)
        digest = hashlib.sha256()
        with open(part, "rb") as fh:
            for block in iter(lambda: fh.read(1024 * 1024), b""):
                digest.update(block)
            os.fsync(fh.fileno())
        os.replace(part, target)
    except OSError as exc:
        raise BackupFailed(_("写入备份文件失败：%(error)s") % {"error": exc}) from exc
    finally:
        part.unlink(missing_ok=True)
    return name, target.stat().st_size, digest.hexdigest()


def _prune() -> int:
    """Keep the files of the last BACKUP_KEEP successful runs; older files are removed (their runs stay, marked)."""
    on_disk = list(
        BackupRun.objects.filter(status=BackupStatus.SUCCESS, removed_at__isnull=True)
        .order_by("-started_at", "-id")
        .values_list("pk", "file_name")
    )
    names = dict(on_disk)
    beyond = rules.backups_beyond([pk for pk, _name in on_disk], settings.BACKUP_KEEP)
    for pk in beyond:
        (Path(settings.BACKUP_DIR) / names[pk]).unlink(missing_ok=True)
    BackupRun.objects.filter(pk__in=beyond).update(removed_at=timezone.now())
    return len(beyond)


def backup_execute(run_id: int) -> BackupRun | None:
    """Write the backup of a started run and record how it ended (None when the run is not running any more)."""
    run = (
        BackupRun.objects.filter(pk=run_id, status=BackupStatus.RUNNING)
        .select_related("requested_by")
        .first()
    )
    if run is None:
        return None
    try:
        run.file_name, run.size, run.sha256 = _write(run)
        run.status = BackupStatus.SUCCESS
    except BackupFailed as exc:
        run.status, run.error = BackupStatus.FAILED, str(exc)
        logger.error("database backup %s failed: %s", run.pk, exc)
    run.finished_at = timezone.now()
    run.save(update_fields=["file_name", "size", "sha256", "status", "error", "finished_at"])
    audit.record(
        AuditAction.BACKUP,
        actor=run.requested_by,
        username=run.requested_by.get_username() if run.requested_by else "",
        region_code="",
        target=run.file_name,
        summary=f"{run.status} {run.error}".strip(),
    )
    if run.status == BackupStatus.SUCCESS:
        _prune()
    return run


def backup_database(*, actor: Any = None) -> BackupRun:
    """Start and execute a backup now (the command and the nightly job)."""
    run = backup_execute(backup_start(actor=actor).pk)
    assert run is not None  # started just now, by this call
    return run
