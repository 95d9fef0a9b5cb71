"""The shell as a Django app (it owns the seed_demo command). The domain apps are listed once here, in dependency
order; URLs, API routes, beat jobs and demo seeders are each listed explicitly where they are wired."""

from __future__ import annotations

from django.apps import AppConfig

DOMAIN_APPS = (
    "regions",
    "staffing",
    "windows",
    "procurement",
    "evaluation",
    "training",
    "supervision",
    "oversight",
    "changes",
)


class ShellConfig(AppConfig):
    name = "config"
    label = "shell"
    verbose_name = "外壳"

    def ready(self) -> None:
        from config import checks  # noqa: F401, PLC0415 (registers the system checks once the apps are loaded)
