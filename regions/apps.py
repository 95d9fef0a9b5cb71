from django.apps import AppConfig
from django.db.models.signals import post_migrate


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = "行政区划与权限"

    def ready(self) -> None:
        # model modules load only once the registry is ready: these imports cannot move to the top
        from . import audit  # noqa: F401, PLC0415  (registers change history)
        from .audit_wiring import connect  # noqa: PLC0415
        from .signals import ensure_role_groups  # noqa: PLC0415

        post_migrate.connect(ensure_role_groups, sender=self)
        connect()
