"""The house (docs/architecture.md): every domain app has the same rooms, so a newcomer who knows one app finds
everything in another; a room may be a module or a package (models/, selectors/ once they pass 400 lines)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

DOMAIN_APPS = ("staffing", "windows", "procurement", "evaluation", "training", "supervision", "oversight")

ROOMS = (
    "models",
    "choices",
    "rules",
    "selectors",
    "filters",
    "forms",
    "urls",
    "tasks",
    "schedule",
    "admin",
    "demo",
    "apps",
    "services",
    "views",
    "api",
)


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_every_domain_app_has_every_room_of_the_house(app):
    missing = [
        room
        for room in ROOMS
        if not (ROOT / app / f"{room}.py").is_file() and not (ROOT / app / room / "__init__.py").is_file()
    ]
    assert missing == [], f"{app}/ lacks {missing} (docs/architecture.md, 'The house')"


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_every_domain_app_is_seeded_by_seed_demo_and_scheduled_by_celery(app):
    seed_demo = (ROOT / "config/management/commands/seed_demo.py").read_text()
    celery = (ROOT / "config/celery.py").read_text()
    assert f"from {app} import demo" in seed_demo
    assert f"from {app} import schedule" in celery
