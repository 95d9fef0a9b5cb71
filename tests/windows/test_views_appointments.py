"""The appointment calendar: publish a slot, book (a full slot refused), convert into a case."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.windows import id_number
from windows.models import Appointment, AppointmentSlot

pytestmark = pytest.mark.django_db


def test_calendar_publish_book_and_convert(windows, actors, web):
    client = web(actors.township_a1)
    day = timezone.localdate() + dt.timedelta(days=2)
    client.post(
        reverse("windows:slot_publish", args=[windows.a1.pk]),
        {"day": day.isoformat(), "start": "09:00", "end": "10:00", "capacity": 1},
    )
    slot = AppointmentSlot.objects.get()
    client.post(
        reverse("windows:slot_book", args=[slot.pk]),
        {"applicant_name": "赵六", "id_number": id_number(3), "phone": "13500000000", "category": "dibao"},
    )
    response = client.post(
        reverse("windows:slot_book", args=[slot.pk]),
        {"applicant_name": "钱七", "id_number": id_number(4), "phone": "13500000001", "category": "dibao"},
        follow=True,
    )
    assert "约满" in response.content.decode()
    assert Appointment.objects.count() == 1
    body = client.get(
        reverse("windows:calendar", args=[windows.a1.pk]), {"week": day.isoformat(), "slot": slot.pk}
    ).content.decode()
    assert "赵六" in body and id_number(3) not in body
    appointment = Appointment.objects.get()
    response = client.post(
        reverse("windows:appointment_action", args=[appointment.pk, "convert"]),
        {"household_region": "440106001", "description": "到场申请"},
    )
    appointment.refresh_from_db()
    assert appointment.status == "converted" and appointment.case.channel == "appointment"
