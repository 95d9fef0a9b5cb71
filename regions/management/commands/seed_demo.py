from __future__ import annotations

import time
from importlib import import_module

from django.core.management.base import BaseCommand

from config.apps import DOMAIN_APPS, has_module
from regions.demo import SCALES


class _Out:
    def __init__(self, stdout):
        self.stdout = stdout

    def write(self, text: str) -> None:
        self.stdout.write(text)


class Command(BaseCommand):
    help = "Fill a realistic demo dataset on the real regions: --scale county|city|province."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=SCALES, default="county")

    def handle(self, *args, scale: str, **options):
        out = _Out(self.stdout)
        for app in DOMAIN_APPS:
            if not has_module(f"{app}.demo"):
                continue
            started = time.monotonic()
            import_module(f"{app}.demo").seed(scale=scale, out=out)
            self.stdout.write(f"[{app}] {time.monotonic() - started:.1f}s")
