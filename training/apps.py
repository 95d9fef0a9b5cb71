from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = "业务培训"

    def ready(self) -> None:
        # AppConfig.ready(): the models can be imported only once the app registry is ready
        from regions.audit import track  # noqa: PLC0415
        from staffing.signals import worker_moved  # noqa: PLC0415

        from . import models, receivers  # noqa: PLC0415

        worker_moved.connect(receivers.follow_worker_move, dispatch_uid="training.follow_worker_move")

        for model in (
            models.TrainingPlan,
            models.PlannedTraining,
            models.TrainingSession,
            models.OrganiserCompliance,
            models.Invitation,
            models.Attendance,
            models.Certificate,
            models.WorkerCompliance,
            models.Assessment,
            models.PriorTraining,
        ):
            track(model)
