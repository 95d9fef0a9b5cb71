"""The Celery app. With no CELERY_BROKER_URL, settings make tasks run in-process (eager).

Periodic jobs: each app lists its own in `<app>/schedule.py` as `SCHEDULE = {name: {"task": ..., "schedule": ...}}`
(no Django imports there), gathered here into the beat schedule.
"""

from __future__ import annotations

import os
from importlib import import_module

from celery import Celery

from config.apps import DOMAIN_APPS, has_module

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("jiuzhu")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.conf.beat_schedule = {
    name: entry
    for module in DOMAIN_APPS
    if has_module(f"{module}.schedule")
    for name, entry in import_module(f"{module}.schedule").SCHEDULE.items()
}
