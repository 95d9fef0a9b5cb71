"""The slots and appointments API: access contracts, a full slot is 409, list with a pinned query count."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.contract import AccessContract
from tests.factories.windows import ServiceWindowFactory, id_number
from windows.models import Appointment, AppointmentSlot
from windows.services import appointment_book

pytestmark = pytest.mark.django_db
URL = "/api/v1/windows/cases/"


class TestSlotAccess(AccessContract):
    list_url = "/api/v1/windows/slots/"
    model = AppointmentSlot

    def make(self, regions, region):
        window = ServiceWindowFactory(region=region)
        start = timezone.now() + dt.timedelta(days=1 + AppointmentSlot.objects.count())
        return AppointmentSlot.objects.create(
            window=window, starts_at=start, ends_at=start + dt.timedelta(hours=1), capacity=3
        )

    def create_payload(self, regions, region):
        window = ServiceWindowFactory(region=region)
        start = timezone.now() + dt.timedelta(days=3)
        return {
            "window": window.pk,
            "starts_at": start.isoformat(),
            "ends_at": (start + dt.timedelta(hours=1)).isoformat(),
            "capacity": 4,
        }


class TestAppointmentAccess(AccessContract):
    list_url = "/api/v1/windows/appointments/"
    model = Appointment

    @pytest.fixture(autouse=True)
    def _actors(self, actors):
        self.actors = actors

    def make(self, regions, region):
        slot = TestSlotAccess().make(regions, region)
        return appointment_book(
            actor=self.actors.superuser,
            slot=slot,
            applicant_name="赵六",
            id_number=id_number(8),
            phone="13600000000",
            category="dibao",
        )

    def create_payload(self, regions, region):
        slot = TestSlotAccess().make(regions, region)
        return {
            "slot": slot.pk,
            "applicant_name": "赵六",
            "id_number": id_number(8),
            "phone": "13600000000",
            "category": "dibao",
        }


def test_booking_full_slot_is_409(windows, actors, api):
    start = timezone.now() + dt.timedelta(days=1)
    slot = AppointmentSlot.objects.create(
        window=windows.a1, starts_at=start, ends_at=start + dt.timedelta(hours=1), capacity=1
    )
    payload = {
        "slot": slot.pk,
        "applicant_name": "赵六",
        "id_number": id_number(8),
        "phone": "13600000000",
        "category": "dibao",
    }
    client = api(actors.township_a1)
    first = client.post("/api/v1/windows/appointments/", payload, format="json")
    assert first.status_code == 201
    assert "*" in first.json()["id_number"]
    assert client.post("/api/v1/windows/appointments/", payload, format="json").status_code == 409
    assert Appointment.objects.count() == 1
    appointment_id = first.json()["id"]
    r = client.post(
        f"/api/v1/windows/appointments/{appointment_id}/convert/",
        {"household_region": "440106001", "description": "到场"},
        format="json",
    )
    assert r.status_code == 201 and r.json()["channel"] == "appointment"
    assert client.post(f"/api/v1/windows/appointments/{appointment_id}/cancel/").status_code == 409


def test_appointment_list_query_count(windows, actors, api, django_assert_max_num_queries):
    start = timezone.now() + dt.timedelta(days=1)
    slot = AppointmentSlot.objects.create(
        window=windows.a1, starts_at=start, ends_at=start + dt.timedelta(hours=1), capacity=30
    )
    for i in range(20):
        appointment_book(
            actor=actors.township_a1,
            slot=slot,
            applicant_name="甲",
            id_number=id_number(i),
            phone="13500000000",
            category="dibao",
        )
    # queries: grants, count, appointments with slot and case joined
    with django_assert_max_num_queries(3):
        response = api(actors.county_admin).get("/api/v1/windows/appointments/")
    assert response.json()["count"] == 20
