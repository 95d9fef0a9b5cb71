"""Fixed "now" for tests of the deadline clocks: services read django.utils.timezone.now."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone


def at(monkeypatch, day: dt.date, hour: int = 10) -> None:
    moment = timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0))
    monkeypatch.setattr(timezone, "now", lambda: moment)
