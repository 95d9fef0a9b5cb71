"""Audit entries of rows written in bulk: one INSERT for many, each entry what django-auditlog writes on save (the
diff, the actor), and the security trail's copy of a reference-table change still made (its post_save receiver)."""

from __future__ import annotations

import copy
import datetime as dt

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regions.audit import log_bulk_writes, set_actor
from regions.audit_models import AuditRecord
from regions.choices import AuditAction
from staffing.models import StaffingRuleSet


def _rule_sets(n: int) -> list[StaffingRuleSet]:
    return StaffingRuleSet.objects.bulk_create(
        StaffingRuleSet(
            name=f"测试规则{i}", source_document="粤民发〔2018〕170号", effective_from=dt.date(2027, 1, i + 1)
        )
        for i in range(n)
    )


def test_many_rows_are_logged_in_one_insert_with_the_diff_and_the_actor(db):
    actor = get_user_model().objects.create(username="auditor")
    created = _rule_sets(3)
    changed = created[0]
    before = copy.copy(changed)
    changed.name = "改名后的规则"
    ContentType.objects.get_for_model(StaffingRuleSet)  # cached, as in a running process
    start = LogEntry.objects.count()
    with set_actor(actor), CaptureQueriesContext(connection) as queries:
        written = log_bulk_writes([*((r, None) for r in created), (changed, before)])
    assert written == 4
    # one INSERT of the four entries (the security trail's copies of the reference changes come after)
    table = LogEntry._meta.db_table
    assert sum(1 for q in queries.captured_queries if q["sql"].startswith(f'INSERT INTO "{table}"')) == 1
    entries = list(LogEntry.objects.order_by("pk")[start:])
    assert [e.action for e in entries] == [LogEntry.Action.CREATE] * 3 + [LogEntry.Action.UPDATE]
    assert {e.actor_id for e in entries} == {actor.pk}
    assert [e.object_id for e in entries] == [r.pk for r in created] + [changed.pk]
    assert entries[3].changes_dict == {"name": ["测试规则0", "改名后的规则"]}
    assert entries[1].changes_dict["name"] == ["None", "测试规则1"]
    copies = AuditRecord.objects.filter(
        action=AuditAction.REFERENCE_CHANGE, target__contains="staffingruleset"
    )
    assert copies.count() == 4


def test_a_row_without_a_change_is_not_logged(db):
    [rule_set] = _rule_sets(1)
    start = LogEntry.objects.count()
    assert log_bulk_writes([(rule_set, copy.copy(rule_set))]) == 0
    assert LogEntry.objects.count() == start


def test_rows_written_in_bulk_inside_disable_auditlog_get_no_entries(db):
    from auditlog.context import disable_auditlog

    created = _rule_sets(2)
    start = LogEntry.objects.count()
    with disable_auditlog():
        assert log_bulk_writes((r, None) for r in created) == 0
    assert LogEntry.objects.count() == start
