"""seed_demo: a realistic demo dataset on the real regions, each app's seeder in dependency order."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand

from evaluation import demo as evaluation_demo
from procurement import demo as procurement_demo
from regions import demo as regions_demo
from staffing import demo as staffing_demo
from training import demo as training_demo
from windows import demo as windows_demo

SEEDERS = (
    ("regions", regions_demo),
    ("staffing", staffing_demo),
    ("windows", windows_demo),
    ("procurement", procurement_demo),
    ("evaluation", evaluation_demo),
    ("training", training_demo),
)


class Command(BaseCommand):
    help = "Fill a realistic demo dataset on the real regions: --scale county|city|province."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=regions_demo.SCALES, default="county")

    def handle(self, *args, scale: str, **options):
        for app, module in SEEDERS:
            started = time.monotonic()
            module.seed(scale=scale, out=self.stdout)
            self.stdout.write(f"[{app}] {time.monotonic() - started:.1f}s")
