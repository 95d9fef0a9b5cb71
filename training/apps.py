from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "业务培训"

    def ready(self) -> None:
        # AppConfig.ready(): the models can be imported only once the app registry is ready
        from regions.audit import track  # noqa: PLC0415

        from . import models  # noqa: PLC0415

        for model in (
            models.TrainingRule,
            models.TrainingPlan,
            models.PlannedTraining,
            models.TrainingSession,
            models.OrganiserCompliance,
            models.Invitation,
            models.Attendance,
            models.Certificate,
            models.WorkerCompliance,
            models.Assessment,
        ):
            track(model)
