"""The Celery app. With no CELERY_BROKER_URL, settings make tasks run in-process (eager).

Periodic jobs: each app lists its own in `<app>/schedule.py` as `SCHEDULE = {name: {"task": ..., "schedule": ...}}`
(no Django imports there); the beat schedule is their union, the modules listed here by hand.
"""

from __future__ import annotations

import os

from celery import Celery

from changes import schedule as changes_schedule
from evaluation import schedule as evaluation_schedule
from oversight import schedule as oversight_schedule
from procurement import schedule as procurement_schedule
from regions import schedule as regions_schedule
from staffing import schedule as staffing_schedule
from supervision import schedule as supervision_schedule
from training import schedule as training_schedule
from windows import schedule as windows_schedule

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

SCHEDULES = (
    regions_schedule,
    staffing_schedule,
    windows_schedule,
    procurement_schedule,
    evaluation_schedule,
    training_schedule,
    supervision_schedule,
    oversight_schedule,
    changes_schedule,
)

app = Celery("jiuzhu")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
app.conf.beat_schedule = {name: entry for module in SCHEDULES for name, entry in module.SCHEDULE.items()}
