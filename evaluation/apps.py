from __future__ import annotations

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "绩效评价"

    def ready(self) -> None:
        from regions.audit import track

        from . import models

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
