"""Nested actor blocks (a service calling another; AuditlogMiddleware's block around a request): django-auditlog 3.4
does not restore its context when an inner block ends (jazzband/django-auditlog#846); `regions.audit.set_actor`
does, so no receiver outlives its block and the entries after an inner block keep the outer actor."""

from __future__ import annotations

import datetime as dt

from auditlog.context import set_actor as auditlog_set_actor
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save

from regions.audit import set_actor
from staffing.models import StaffingRuleSet


def _receivers() -> int:
    return len(pre_save._live_receivers(LogEntry)[0])


def _rule_set(name: str) -> StaffingRuleSet:
    return StaffingRuleSet.objects.create(
        name=name, source_document="粤民发〔2018〕170号", effective_from=dt.date(2027, 1, 1)
    )


def _actor_of(record) -> str | None:
    entry = LogEntry.objects.get_for_object(record).latest("pk")
    return entry.actor.username if entry.actor else None


def test_a_thousand_nested_blocks_leave_no_receiver_behind(db):
    before = _receivers()
    for _ in range(1000):
        with set_actor(None), set_actor(None):
            pass
    assert _receivers() == before


def test_a_block_inside_the_middlewares_block_leaves_no_receiver_behind(db):
    before = _receivers()
    for _ in range(100):
        with auditlog_set_actor(None, remote_addr="10.0.0.1"), set_actor(None):
            pass
    assert _receivers() == before


def test_entries_after_an_inner_block_keep_the_outer_actor(db):
    outer, inner = (get_user_model().objects.create(username=name) for name in ("outer_clerk", "inner_clerk"))
    with set_actor(outer):
        with set_actor(inner):
            during = _rule_set("内层写入")
        after = _rule_set("内层结束后写入")
    assert _actor_of(during) == "inner_clerk"
    assert _actor_of(after) == "outer_clerk"


def test_an_inner_block_in_a_request_keeps_the_requests_address_for_later_entries(db):
    clerk = get_user_model().objects.create(username="window_clerk")
    with auditlog_set_actor(clerk, remote_addr="10.0.0.7"):
        with set_actor(clerk):
            _rule_set("服务内写入")
        after = _rule_set("服务结束后写入")
    entry = LogEntry.objects.get_for_object(after).latest("pk")
    assert (entry.actor, entry.remote_addr) == (clerk, "10.0.0.7")
