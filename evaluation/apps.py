from __future__ import annotations

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "绩效评价"

    def ready(self) -> None:
        # the app registry is ready only now: models (and the audit hooks that take them) load here
        from regions.audit import track  # noqa: PLC0415

        from . import models  # noqa: PLC0415

        for model in (
            models.EvaluationTemplate,
            models.TemplateParty,
            models.TemplateIndicator,
            models.Evaluation,
            models.Score,
            models.Survey,
            models.SurveyInvitation,
            models.SurveyResponse,
            models.Rectification,
        ):
            track(model)
