"""Reference tables shipped as data (routing, time limits, holidays): loaded by a data migration and `seed`."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from django.apps import apps as registry

DATA = Path(__file__).parent / "data"
DEADLINE_SOURCE = "默认值（县级民政部门可调整）"


def _rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def load_reference(apps=None) -> None:
    """Create the missing rows of the reference tables; existing rows (possibly edited by a county) are kept."""
    if apps is None:
        apps = registry
    routing = apps.get_model("windows", "RoutingRule")
    deadline = apps.get_model("windows", "DeadlineRule")
    holiday = apps.get_model("windows", "Holiday")
    for row in _rows("routing.csv"):
        routing.objects.get_or_create(
            category=row["category"],
            defaults={"department": row["department"], "collaborative": row["collaborative"] == "1"},
        )
    for row in _rows("deadlines.csv"):
        for step in ("accept", "feedback", "close"):
            deadline.objects.get_or_create(
                category=row["category"],
                step=step,
                defaults={"working_days": int(row[step]), "source": DEADLINE_SOURCE},
            )
    for row in _rows("holidays.csv"):
        holiday.objects.get_or_create(
            date=dt.date.fromisoformat(row["date"]),
            defaults={"is_working_day": row["is_working_day"] == "1", "name": row["name"]},
        )
