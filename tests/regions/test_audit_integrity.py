"""The audit trail cannot be changed through any path of the product, a changed row breaks the chain where it was
changed, and retention (网络安全法 第二十一条: at least six months, 183 days) never purges a younger record."""

from __future__ import annotations

import datetime as dt
import gzip
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from regions import audit, audit_chain, audit_retention
from regions.audit_models import AppendOnly, AuditArchive, AuditRecord
from regions.choices import AuditAction
from tests.concurrency import run_at_once

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 7, 12, 0, tzinfo=dt.UTC)


def _write(n: int, *, at: dt.datetime | None = None, monkeypatch=None) -> list[AuditRecord]:
    if at is not None:
        monkeypatch.setattr(audit.timezone, "now", lambda: at)
    rows = [
        audit.record(AuditAction.LOGIN, actor=None, username=f"u{i}", region_code="440106") for i in range(n)
    ]
    if at is not None:
        monkeypatch.undo()
    return rows


def _raw(sql: str, params: list) -> None:
    """A change behind the product's back (a database owner's console): on PostgreSQL with triggers set aside for
    the transaction (session_replication_role, which only a superuser may set)."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


# --- no path of the product changes or deletes a record ---------------------------------------------------------


def test_saving_an_existing_record_is_refused():
    row = _write(1)[0]
    row.summary = "edited"
    with pytest.raises(AppendOnly):
        row.save()


def test_deleting_a_record_is_refused():
    row = _write(1)[0]
    with pytest.raises(AppendOnly):
        row.delete()
    assert AuditRecord.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize(
    "write",
    [
        lambda qs: qs.update(summary="edited"),
        lambda qs: qs.delete(),
        lambda qs: qs.bulk_update(list(qs), ["summary"]),
        lambda qs: qs.bulk_create(
            [AuditRecord(seq=99, at=timezone.now(), action="login", prev_hash="", hash="x")]
        ),
    ],
    ids=["update", "delete", "bulk_update", "bulk_create"],
)
def test_queryset_writes_are_refused(write):
    _write(2)
    with pytest.raises(AppendOnly):
        write(AuditRecord.objects.all())
    assert audit_chain.verify().ok


def test_the_admin_site_shows_records_read_only_even_to_the_superuser(actors, web):
    row = _write(1)[0]
    client = web(actors.superuser)
    assert client.get(f"/admin/regions/auditrecord/{row.pk}/change/").status_code == 200
    assert client.post(f"/admin/regions/auditrecord/{row.pk}/change/", {"summary": "x"}).status_code == 403
    assert client.post(f"/admin/regions/auditrecord/{row.pk}/delete/", {"post": "yes"}).status_code == 403
    assert client.get("/admin/regions/auditrecord/add/").status_code == 403
    response = client.post(
        "/admin/regions/auditrecord/",
        {"action": "delete_selected", "_selected_action": [row.pk], "post": "yes"},
    )
    assert response.status_code in (200, 302)
    assert AuditRecord.objects.get(pk=row.pk).summary == row.summary


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    ["UPDATE regions_auditrecord SET summary = 'x'", "DELETE FROM regions_auditrecord"],
    ids=["update", "delete"],
)
def test_on_postgresql_the_trigger_refuses_update_and_delete(sql):
    _write(1)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert AuditRecord.objects.count() == 1


# --- the chain -----------------------------------------------------------------------------------------------------


def test_records_form_one_chain_from_genesis():
    rows = _write(3)
    assert [r.seq for r in rows] == [1, 2, 3]
    assert rows[0].prev_hash == "0" * 64
    assert rows[1].prev_hash == rows[0].hash and rows[2].prev_hash == rows[1].hash
    assert audit_chain.verify() == audit_chain.ChainStatus(True, 3)


def test_the_check_names_an_edited_row_as_the_first_broken_link():
    rows = _write(5)
    _raw("UPDATE regions_auditrecord SET username = %s WHERE seq = %s", ["someone-else", rows[2].seq])
    status = audit_chain.verify()
    assert (status.ok, status.broken_seq, status.reason, status.checked) == (False, 3, "hash", 2)
    with pytest.raises(CommandError, match="第 3 条断开"):
        call_command("verify_audit_chain")


def test_the_check_names_the_row_after_a_deleted_one():
    rows = _write(4)
    _raw("DELETE FROM regions_auditrecord WHERE seq = %s", [rows[1].seq])
    status = audit_chain.verify()
    assert (status.ok, status.broken_seq, status.reason) == (False, 2, "missing")


def test_a_row_rewritten_with_a_fresh_hash_still_breaks_the_next_link():
    rows = _write(3)
    forged = {**{f: getattr(rows[1], f) for f in audit_chain.HASHED_FIELDS}, "summary": "forged"}
    _raw(
        "UPDATE regions_auditrecord SET summary = %s, hash = %s WHERE seq = %s",
        ["forged", audit_chain.digest(forged), rows[1].seq],
    )
    status = audit_chain.verify()
    assert (status.broken_seq, status.reason) == (3, "prev_hash")


def test_the_command_reports_an_intact_chain(capsys):
    _write(2)
    call_command("verify_audit_chain")
    assert "完好" in capsys.readouterr().out


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_writers_at_the_same_moment_still_make_one_unbroken_chain():
    results = run_at_once([lambda i=i: _write(5) for i in range(4)])
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(AuditRecord.objects.values_list("seq", flat=True)) == list(range(1, 21))
    assert audit_chain.verify() == audit_chain.ChainStatus(True, 20)


# --- retention -----------------------------------------------------------------------------------------------------


@pytest.fixture
def archive_dir(settings, tmp_path):
    settings.AUDIT_ARCHIVE_DIR = tmp_path
    return tmp_path


def test_the_retention_is_never_under_183_days(settings):
    settings.AUDIT_RETENTION_DAYS = 30
    assert audit_retention.retention_days() == 183
    settings.AUDIT_RETENTION_DAYS = 400
    assert audit_retention.retention_days() == 400


def test_records_older_than_183_days_are_archived_then_purged_and_younger_ones_stay(archive_dir, monkeypatch):
    old = _write(2, at=NOW - dt.timedelta(days=184), monkeypatch=monkeypatch)
    edge = _write(1, at=NOW - dt.timedelta(days=183), monkeypatch=monkeypatch)  # exactly 183 days: kept
    young = _write(1, at=NOW - dt.timedelta(days=10), monkeypatch=monkeypatch)
    archive = audit_retention.archive_and_purge(now=NOW)
    assert archive is not None and (archive.first_seq, archive.last_seq, archive.count) == (1, 2, 2)
    assert sorted(
        AuditRecord.objects.exclude(action=AuditAction.AUDIT_ARCHIVE).values_list("seq", flat=True)
    ) == [
        edge[0].seq,
        young[0].seq,
    ]
    with gzip.open(archive.path, "rt") as fh:
        header, *lines = [json.loads(line) for line in fh]
    assert [r["hash"] for r in lines] == [r.hash for r in old]
    assert (header["first_prev_hash"], archive.last_hash) == ("0" * 64, old[-1].hash)
    assert audit_chain.verify().ok
    assert audit_retention.check_archive(archive).ok
    call_command("verify_audit_chain", "--archives")


def test_a_setting_above_the_minimum_keeps_records_longer(archive_dir, monkeypatch, settings):
    settings.AUDIT_RETENTION_DAYS = 365
    _write(1, at=NOW - dt.timedelta(days=300), monkeypatch=monkeypatch)
    assert audit_retention.archive_and_purge(now=NOW) is None
    assert AuditRecord.objects.count() == 1


def test_a_setting_under_the_minimum_purges_nothing_younger_than_183_days(archive_dir, monkeypatch, settings):
    settings.AUDIT_RETENTION_DAYS = 1
    _write(1, at=NOW - dt.timedelta(days=182), monkeypatch=monkeypatch)
    assert audit_retention.archive_and_purge(now=NOW) is None
    assert AuditRecord.objects.count() == 1


def test_a_younger_record_between_old_ones_stops_the_purge_before_it(archive_dir, monkeypatch):
    """A clock set back: the chain is purged only up to the first record younger than the retention."""
    _write(1, at=NOW - dt.timedelta(days=200), monkeypatch=monkeypatch)
    _write(1, at=NOW - dt.timedelta(days=5), monkeypatch=monkeypatch)
    _write(1, at=NOW - dt.timedelta(days=190), monkeypatch=monkeypatch)
    archive = audit_retention.archive_and_purge(now=NOW)
    assert (archive.first_seq, archive.last_seq) == (1, 1)
    assert sorted(AuditRecord.objects.values_list("seq", flat=True)) == [2, 3, 4]


def test_the_chain_goes_on_from_the_archive_anchor_after_purges(archive_dir, monkeypatch):
    _write(2, at=NOW - dt.timedelta(days=400), monkeypatch=monkeypatch)
    monkeypatch.setattr(audit.timezone, "now", lambda: NOW - dt.timedelta(days=190))
    first = audit_retention.archive_and_purge(now=NOW - dt.timedelta(days=190))  # its own event: seq 3
    monkeypatch.undo()
    _write(2, at=NOW - dt.timedelta(days=189), monkeypatch=monkeypatch)
    second = audit_retention.archive_and_purge(now=NOW)
    assert (first.first_seq, first.last_seq, second.first_seq, second.last_seq) == (1, 2, 3, 5)
    assert second.first_prev_hash == first.last_hash
    later = _write(1)
    assert audit_chain.verify() == audit_chain.ChainStatus(True, 2)  # the second archive's event and `later`
    assert later[0].seq == 7
    assert all(audit_retention.check_archive(a).ok for a in AuditArchive.objects.all())


def test_an_archive_file_changed_after_the_purge_fails_the_check(archive_dir, monkeypatch):
    _write(2, at=NOW - dt.timedelta(days=400), monkeypatch=monkeypatch)
    archive = audit_retention.archive_and_purge(now=NOW)
    with gzip.open(archive.path, "ab") as fh:
        fh.write(b'{"seq": 3}\n')
    assert audit_retention.check_archive(archive).reason == "file"
    with pytest.raises(CommandError, match="归档文件"):
        call_command("verify_audit_chain", "--archives")


def test_archives_cannot_be_edited_or_deleted(archive_dir, monkeypatch):
    _write(1, at=NOW - dt.timedelta(days=400), monkeypatch=monkeypatch)
    archive = audit_retention.archive_and_purge(now=NOW)
    with pytest.raises(AppendOnly):
        archive.delete()
    with pytest.raises(AppendOnly):
        AuditArchive.objects.all().update(count=0)
