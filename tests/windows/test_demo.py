"""Demo data: windows, cases through the services, slots; running it twice adds nothing."""

from __future__ import annotations

import io

import pytest

from tests.conftest import make_user
from windows import demo
from windows.models import Appointment, AppointmentSlot, Case, CaseEvent, ServiceWindow

pytestmark = pytest.mark.django_db


class _Out:
    def __init__(self):
        self.buffer = io.StringIO()

    def write(self, text):
        self.buffer.write(text + "\n")


def test_seed_is_consistent_and_idempotent(regions, monkeypatch):
    make_user("admin", is_superuser=True, is_staff=True)
    monkeypatch.setitem(demo.CASES, "county", 25)
    demo.seed(scale="county", out=_Out())
    counts = (
        ServiceWindow.objects.count(),
        Case.objects.count(),
        AppointmentSlot.objects.count(),
        Appointment.objects.count(),
        CaseEvent.objects.count(),
    )
    assert counts[0] >= 2 and counts[1] == 25 and counts[2] > 0 and counts[3] > 0
    assert CaseEvent.objects.filter(action="receive").count() == 25
    demo.seed(scale="county", out=_Out())
    assert (
        ServiceWindow.objects.count(),
        Case.objects.count(),
        AppointmentSlot.objects.count(),
        Appointment.objects.count(),
        CaseEvent.objects.count(),
    ) == counts
