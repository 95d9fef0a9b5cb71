"""Supervision reminders: overdue rectifications and unstarted contracts reach the purchaser's staff, once a day."""

from __future__ import annotations

import datetime as dt

from procurement.models import MonitoringRecord
from procurement.services.reminders import send_supervision_reminders
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
    mine = Notification.objects.get(user=actors.township_a1)  # one digest listing both
    assert mine.title.startswith("2 项")
    assert "增派人员" in mine.body and "UNSTARTED" in mine.body
    assert not Notification.objects.filter(user=actors.township_a2).exists()
    assert not Notification.objects.filter(user=actors.outsider, body__contains="UNSTARTED").exists()
    assert Notification.objects.filter(user=actors.outsider, body__contains="OTHER").exists()
    before = Notification.objects.count()
    supervision_reminders_task.delay()
    assert Notification.objects.count() == before


def test_five_unstarted_contracts_make_one_notification_a_day_per_person(regions, actors):
    for n in range(5):
        ContractFactory(project__purchaser=regions.a1, number=f"LATE-{n}", start_date=dt.date(2026, 2, 1))
    send_supervision_reminders(today=dt.date(2026, 3, 1))
    send_supervision_reminders(today=dt.date(2026, 3, 1))
    mine = Notification.objects.filter(user=actors.township_a1, kind="procurement_reminders")
    assert mine.count() == 1
    assert mine.get().title.startswith("5 项") and len(mine.get().body.splitlines()) == 5
    send_supervision_reminders(today=dt.date(2026, 3, 2))
    assert mine.count() == 2
