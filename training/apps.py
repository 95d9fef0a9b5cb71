from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "业务培训"

    def ready(self) -> None:
        from regions.audit import track

        from . import models

        for name in (
            "TrainingRule",
            "TrainingPlan",
            "PlannedTraining",
            "TrainingSession",
            "OrganiserCompliance",
            "Invitation",
            "Attendance",
            "Certificate",
            "WorkerCompliance",
            "Assessment",
        ):
            model = getattr(models, name, None)
            if model is not None:
                track(model)
