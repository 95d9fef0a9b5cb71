from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "上级业务指导和监督"

    def ready(self) -> None:
        # AppConfig.ready(): the models can be imported only once the app registry is ready
        from regions.audit import track  # noqa: PLC0415

        from . import models  # noqa: PLC0415

        track(models.Instruction)
