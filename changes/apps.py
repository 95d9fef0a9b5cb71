from __future__ import annotations

from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ChangesConfig(AppConfig):
    name = "changes"
    verbose_name = "变更订阅"

    def ready(self) -> None:
        # the app registry is not ready when this module is imported: models load only here
        from regions.audit import track  # noqa: PLC0415

        from . import models, triggers  # noqa: PLC0415

        track(models.Webhook, exclude=["secret"])
        # every migrate (and a test database's creation) ends with the triggers in place for every resource
        post_migrate.connect(triggers.install_after_migrate, sender=self)
