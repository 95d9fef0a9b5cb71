"""Supervision reminders: overdue rectifications and unstarted contracts reach the purchaser's staff, once."""

from __future__ import annotations

import datetime as dt

from procurement.models import MonitoringRecord
from procurement.tasks import supervision_reminders_task
from regions.models import Notification
from tests.factories.procurement import ContractFactory, ContractStandardFactory


def test_overdue_rectification_and_unstarted_contract_notify_staff_once(regions, actors):
    running = ContractFactory(project__purchaser=regions.a1, status="active", start_date=dt.date(2026, 1, 1))
    ContractStandardFactory(contract=running)
    MonitoringRecord.objects.create(
        contract=running,
        checked_on=dt.date(2026, 5, 1),
        inspector=actors.county_admin,
        problems="人次不足",
        rectification_demanded="增派人员",
        rectification_due=dt.date(2026, 5, 31),
    )
    ContractFactory(project__purchaser=regions.a1, number="UNSTARTED", start_date=dt.date(2026, 2, 1))
    ContractFactory(project__purchaser=regions.b1, number="OTHER", start_date=dt.date(2026, 2, 1))
    assert supervision_reminders_task.delay().get() >= 4
    titles = set(Notification.objects.filter(user=actors.township_a1).values_list("title", flat=True))
    assert any("整改逾期" in t for t in titles) and any("UNSTARTED" in t for t in titles)
    assert not Notification.objects.filter(user=actors.township_a2).exists()
    assert not Notification.objects.filter(user=actors.outsider, title__contains="UNSTARTED").exists()
    assert Notification.objects.filter(user=actors.outsider, title__contains="OTHER").exists()
    before = Notification.objects.count()
    supervision_reminders_task.delay()
    assert Notification.objects.count() == before
