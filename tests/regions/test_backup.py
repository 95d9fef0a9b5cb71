"""Database backups (regions.backup): a SQLite backup is a real SQLite database holding the data (opened here with
the sqlite3 module, independently of the product), a failure is recorded with its message, the retention keeps the
last BACKUP_KEEP files, one backup at a time (409), a dead run does not block for ever, each run is audited."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import sqlite3

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone

from config.celery import app
from core.exceptions import Conflict
from regions import backup
from regions.audit_models import AuditRecord
from regions.backup_models import BackupRun, BackupStatus
from regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    return settings.BACKUP_DIR


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite online backup")
@pytest.mark.django_db(transaction=True)  # as the command runs: no transaction open around the backup
def test_a_sqlite_backup_is_a_sqlite_database_holding_the_data(backup_dir, tmp_path):
    Region.objects.create(code="449901", name="备份测试县", level="county")
    call_command("backup_database", stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115
    run = BackupRun.objects.get()
    assert run.status == BackupStatus.SUCCESS and run.error == ""
    path = backup_dir / run.file_name
    assert run.file_name.endswith(".sqlite3.gz") and path.is_file()
    raw = path.read_bytes()
    assert run.size == len(raw)
    assert run.sha256 == hashlib.sha256(raw).hexdigest()
    copy = tmp_path / "restored.sqlite3"
    copy.write_bytes(gzip.decompress(raw))
    db = sqlite3.connect(copy)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        names = db.execute("SELECT name FROM regions_region WHERE code = '449901'").fetchall()
    finally:
        db.close()
    assert names == [("备份测试县",)]
    assert list(backup_dir.iterdir()) == [path]  # no temporary file left behind
    assert run.file_name in (tmp_path / "out.txt").read_text()


def test_a_failure_is_recorded_with_its_message_and_the_command_fails(settings, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    settings.BACKUP_DIR = blocker / "backups"
    with pytest.raises(CommandError, match="无法创建备份目录"):
        call_command("backup_database")
    run = BackupRun.objects.get()
    assert run.status == BackupStatus.FAILED and run.finished_at is not None
    assert run.error.startswith(f"无法创建备份目录 {blocker / 'backups'}：")
    assert run.file_name == "" and run.size is None
    record = AuditRecord.objects.get(action="backup")
    assert record.summary.startswith("failed 无法创建备份目录")


def test_a_missing_pg_dump_is_a_clear_failure(backup_dir, monkeypatch):
    monkeypatch.setattr(backup.shutil, "which", lambda name: None)
    run = backup.backup_start()
    BackupRun.objects.filter(pk=run.pk).update(vendor="postgresql")
    run = backup.backup_execute(run.pk)
    assert run.status == BackupStatus.FAILED
    assert run.error == "未找到 pg_dump 程序，请在服务器上安装 PostgreSQL 客户端（postgresql-client）"


def _fake_dump(part):
    part.write_bytes(b"dump")


def test_the_retention_keeps_the_last_n_files(backup_dir, settings, monkeypatch):
    settings.BACKUP_KEEP = 2
    monkeypatch.setitem(backup.DUMPERS, connection.vendor, (_fake_dump, "bin"))
    runs = [backup.backup_database() for _ in range(4)]
    assert all(r.status == BackupStatus.SUCCESS for r in runs)
    on_disk = sorted(p.name for p in backup_dir.iterdir())
    assert on_disk == sorted([runs[2].file_name, runs[3].file_name])
    removed = set(BackupRun.objects.filter(removed_at__isnull=False).values_list("pk", flat=True))
    assert removed == {runs[0].pk, runs[1].pk}


def test_a_failed_run_removes_no_file(backup_dir, settings, monkeypatch):
    settings.BACKUP_KEEP = 1
    monkeypatch.setitem(backup.DUMPERS, connection.vendor, (_fake_dump, "bin"))
    good = backup.backup_database()

    def broken(part):
        raise backup.BackupFailed("磁盘已满")

    monkeypatch.setitem(backup.DUMPERS, connection.vendor, (broken, "bin"))
    bad = backup.backup_database()
    assert bad.status == BackupStatus.FAILED and bad.error == "磁盘已满"
    assert [p.name for p in backup_dir.iterdir()] == [good.file_name]


def test_one_backup_at_a_time(backup_dir):
    backup.backup_start()
    with pytest.raises(Conflict):
        backup.backup_start()
    assert BackupRun.objects.filter(status=BackupStatus.RUNNING).count() == 1


def test_a_run_dead_for_longer_than_the_stale_hours_is_closed_and_no_longer_blocks(backup_dir, settings):
    settings.BACKUP_STALE_HOURS = 6
    dead = backup.backup_start()
    BackupRun.objects.filter(pk=dead.pk).update(started_at=timezone.now() - dt.timedelta(hours=6, minutes=1))
    backup.backup_start()
    dead.refresh_from_db()
    assert dead.status == BackupStatus.FAILED and "6 小时" in dead.error


def test_the_nightly_job_is_in_the_beat_schedule():
    entry = app.conf.beat_schedule["regions-backup-database"]
    assert entry["task"] == "regions.tasks.backup_database_task"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite online backup")
def test_a_sqlite_backup_inside_a_transaction_fails_at_once_instead_of_waiting(backup_dir):
    run = backup.backup_database()  # the test's own transaction is open
    assert run.status == BackupStatus.FAILED and run.error == "SQLite 备份不能在事务中进行"
