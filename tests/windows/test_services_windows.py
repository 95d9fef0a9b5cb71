"""Window writes: staff must be staff of the window's region; a window is at a township or village."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories.windows import id_number
from windows import services
from windows.models import AppointmentSlot

pytestmark = pytest.mark.django_db


def test_window_save_checks_staff_are_staff_of_the_region(windows, actors, regions):
    with pytest.raises(ValidationError) as exc:
        services.window_save(
            actor=actors.county_admin, region=regions.a1, name="新窗口", staff=[actors.outsider]
        )
    assert "staff" in exc.value.message_dict
    window = services.window_save(
        actor=actors.county_admin,
        region=regions.a1,
        name="新窗口",
        duty_officer=actors.township_a1,
        has_signage=True,
    )
    assert list(window.staff.all()) == [actors.township_a1]


def test_window_must_be_at_township_or_village(actors, regions):
    with pytest.raises(ValidationError):
        services.window_save(actor=actors.county_admin, region=regions.county_a, name="区窗口")


def test_a_moved_window_takes_its_appointments_along_in_the_same_transaction(
    windows, actors, regions, api, django_capture_on_commit_callbacks
):
    """issue 12 item 9: appointments keep the window's region code; a move updates it at once."""
    start = timezone.now() + dt.timedelta(days=1)
    slot = AppointmentSlot.objects.create(
        window=windows.a1, starts_at=start, ends_at=start + dt.timedelta(hours=1), capacity=2
    )
    booked = services.appointment_book(
        actor=actors.township_a1,
        slot=slot,
        applicant_name="赵六",
        id_number=id_number(8),
        phone="13900002222",
        category="dibao",
    )
    other = services.appointment_book(
        actor=actors.township_a2,
        slot=AppointmentSlot.objects.create(
            window=windows.a2, starts_at=start, ends_at=start + dt.timedelta(hours=1), capacity=2
        ),
        applicant_name="钱七",
        id_number=id_number(9),
        phone="13900002222",
        category="dibao",
    )
    with django_capture_on_commit_callbacks(execute=False):
        services.window_save(
            actor=actors.county_admin, window=windows.a1, region=regions.a2, name=windows.a1.name
        )
        booked.refresh_from_db()
        assert booked.region_code == regions.a2.code
    other.refresh_from_db()
    assert other.region_code == regions.a2.code
    listed = api(actors.township_a2).get("/api/v1/windows/appointments/").json()["results"]
    assert {a["id"] for a in listed} == {booked.pk, other.pk}
    assert api(actors.township_a1).get("/api/v1/windows/appointments/").json()["results"] == []


def test_saving_a_window_in_place_leaves_its_appointments(windows, actors, regions):
    start = timezone.now() + dt.timedelta(days=1)
    slot = AppointmentSlot.objects.create(
        window=windows.a1, starts_at=start, ends_at=start + dt.timedelta(hours=1), capacity=2
    )
    booked = services.appointment_book(
        actor=actors.township_a1,
        slot=slot,
        applicant_name="赵六",
        id_number=id_number(8),
        phone="13900002222",
        category="dibao",
    )
    services.window_save(actor=actors.township_a1, window=windows.a1, region=regions.a1, name="改名窗口")
    booked.refresh_from_db()
    assert booked.region_code == regions.a1.code
