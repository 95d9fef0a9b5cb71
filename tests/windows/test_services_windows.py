"""Window writes: staff must be staff of the window's region; a window is at a township or village."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from windows import services

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
