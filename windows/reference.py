"""Reference tables shipped as data (routing, time limits, holidays): loaded by data migrations.

The national holiday schedule is seeded from the maintained package `chinese-calendar` (module `chinese_calendar`,
the State Council's schedules with the make-up working days, 调休) for every year it knows; after that the table
in the database is the source of truth, edited in the app (windows:holidays) when a new schedule is published.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from chinese_calendar import constants as calendar_package
from django.apps import apps as registry

from .reference_cache import reference_changed
from .rules import LOCAL_DEFAULT_SOURCE

DATA = Path(__file__).parent / "data"
DEADLINE_SOURCE = "默认值（县级民政部门可调整）"  # the source 0002 wrote; 0006 replaces it where untouched

#: limits set by a rule we can cite exactly; every other default is LOCAL_DEFAULT_SOURCE
STATUTORY_LIMITS: dict[tuple[str, str], tuple[int, str]] = {
    ("dibao", "feedback"): (
        30,
        "最低生活保障审核确认办法（民发〔2021〕57号）：自受理之日起30个工作日内完成审核确认",
    ),
}
#: the package keys its days by English name; the Chinese name is beside it (as the State Council's notices name
#: the three short festivals: 清明节、端午节、中秋节)
_NOTICE_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}
HOLIDAY_NAMES = {h.value: _NOTICE_NAMES.get(h.chinese, h.chinese) for h in calendar_package.Holiday}


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


def package_schedule() -> list[tuple[dt.date, bool, str]]:
    """The national schedule `chinese-calendar` knows: (date, is make-up working day, name), by date."""
    rows = [(day, False, HOLIDAY_NAMES.get(name, name)) for day, name in calendar_package.holidays.items()]
    rows += [
        (day, True, f"{HOLIDAY_NAMES.get(name, name)}调休上班")
        for day, name in calendar_package.workdays.items()
    ]
    return sorted(rows)


def seed_holidays(holiday_model) -> int:
    """Add the package's national days the table lacks (rows already there, possibly edited, are kept)."""
    have = set(holiday_model.objects.filter(region_code="").values_list("date", flat=True))
    new = [
        holiday_model(date=day, region_code="", is_working_day=working, name=name)
        for day, working, name in package_schedule()
        if day not in have
    ]
    holiday_model.objects.bulk_create(new, batch_size=500)
    reference_changed()  # a bulk insert sends no signal
    return len(new)


def seed_time_limit_sources(deadline_model) -> None:
    """Each default limit carries its source: the rule's citation where there is one, else 本地默认; and the
    whole-case limit (登记至办结) per category, by default the sum of the step limits."""
    for (category, step), (days, source) in STATUTORY_LIMITS.items():
        deadline_model.objects.filter(
            category=category, step=step, region_code="", source__in=[DEADLINE_SOURCE, ""]
        ).update(source=source, statutory=True, working_days=days)
    deadline_model.objects.filter(region_code="", source__in=[DEADLINE_SOURCE, ""]).update(
        source=LOCAL_DEFAULT_SOURCE
    )
    reference_changed()  # an update sends no signal
    for row in _rows("deadlines.csv"):
        deadline_model.objects.get_or_create(
            category=row["category"],
            step="case",
            region_code="",
            defaults={
                "working_days": sum(int(row[s]) for s in ("accept", "feedback", "close")),
                "source": LOCAL_DEFAULT_SOURCE,
            },
        )


def seed_calendar_and_limits(apps=None) -> None:
    if apps is None:
        apps = registry
    seed_holidays(apps.get_model("windows", "Holiday"))
    seed_time_limit_sources(apps.get_model("windows", "DeadlineRule"))


def load_guides(apps=None) -> None:
    """Create the missing 办事指南 (one per matter) from data/guides.json; guides already edited are kept."""
    if apps is None:
        apps = registry
    guide = apps.get_model("windows", "MatterGuide")
    with open(DATA / "guides.json", encoding="utf-8") as fh:
        data = json.load(fh)
    for category, row in data["guides"].items():
        guide.objects.get_or_create(
            category=category,
            defaults={
                "eligibility": row["eligibility"],
                "documents": row["documents"],
                "legal_basis": row["legal_basis"],
                "online_url": data["online_url"],
            },
        )


def load_follow_up_limits(apps=None) -> None:
    """Create the missing time limits of a bad rating's follow-up (data/follow_up_limits.csv); edits are kept."""
    if apps is None:
        apps = registry
    limit = apps.get_model("windows", "FollowUpLimit")
    for row in _rows("follow_up_limits.csv"):
        limit.objects.get_or_create(
            step=row["step"], defaults={"working_days": int(row["working_days"]), "source": row["source"]}
        )
