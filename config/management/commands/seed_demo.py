"""seed_demo: a realistic demo dataset on the real regions, each app's seeder in dependency order."""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from core.db import analyze
from evaluation import demo as evaluation_demo
from oversight import demo as oversight_demo
from procurement import demo as procurement_demo
from regions import demo as regions_demo
from staffing import demo as staffing_demo
from supervision import demo as supervision_demo
from training import demo as training_demo
from windows import demo as windows_demo

SEEDERS = {
    "regions": regions_demo,
    "staffing": staffing_demo,
    "windows": windows_demo,
    "procurement": procurement_demo,
    "evaluation": evaluation_demo,
    "training": training_demo,
    "supervision": supervision_demo,
    "oversight": oversight_demo,
}
#: in dependency order; a stage's chains read only what earlier stages wrote, so on PostgreSQL each chain of a stage
#: runs in its own process, side by side (the machine's cores); SQLite has one writer and runs them in turn
STAGES = (
    (("regions",),),
    (("staffing", "training"), ("windows",), ("procurement", "evaluation")),
    (("supervision", "oversight"),),
)


class Command(BaseCommand):
    help = "Fill a realistic demo dataset on the real regions: --scale county|city|province."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=regions_demo.SCALES, default="county")
        parser.add_argument(
            "--force", action="store_true", help="seed even with DEBUG off (a demo or training server)"
        )
        parser.add_argument("--only", help=argparse.SUPPRESS)  # one chain of a stage, in its own process

    def handle(self, *args, scale: str, force: bool = False, only: str | None = None, **options):
        # Demo accounts share one published password: never on a production database.
        if not settings.DEBUG and not force:
            raise CommandError(
                "DEBUG 未开启：演示数据只用于开发或演示环境（确需在演示服务器上生成请加 --force）。"
            )
        if only:
            self._chain(only.split(","), scale)
            return
        demo_users = {"admin", *(username for username, *_ in regions_demo.DEMO_ACCOUNTS)}
        other = (
            get_user_model()
            .objects.exclude(username__in=demo_users)
            .order_by("pk")
            .values_list("username", flat=True)
            .first()
        )
        if other is not None:
            raise CommandError(
                f"数据库中已有非演示账号（如 {other}），拒绝生成演示数据：演示账号使用公开的密码。"
            )
        for chains in STAGES:
            if len(chains) > 1 and connection.vendor == "postgresql":
                self._side_by_side(chains, scale)
            else:
                for chain in chains:
                    self._chain(chain, scale)
            analyze()  # the next stage's queries are planned on what this one wrote

    def _chain(self, apps: list[str] | tuple[str, ...], scale: str) -> None:
        for app in apps:
            started = time.monotonic()
            SEEDERS[app].seed(scale=scale, out=self.stdout)
            self.stdout.write(f"[{app}] {time.monotonic() - started:.1f}s")

    def _side_by_side(self, chains, scale: str) -> None:
        """Each chain in a child `seed_demo --only`, all at once; fails if one failed."""
        connection.close()  # the children open their own
        command = [
            sys.executable,
            str(settings.BASE_DIR / "manage.py"),
            "seed_demo",
            "--scale",
            scale,
            "--force",
        ]
        children = [subprocess.Popen([*command, "--only", ",".join(chain)]) for chain in chains]
        failed = [",".join(chain) for chain, child in zip(chains, children, strict=True) if child.wait() != 0]
        if failed:
            raise CommandError(f"演示数据生成失败：{'、'.join(failed)}")
