from __future__ import annotations

from django.apps import AppConfig


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = "经办人员配备"

    def ready(self) -> None:
        # the app registry is not ready when this module is imported: models load only here
        from regions.audit import track  # noqa: PLC0415

        from . import models  # noqa: PLC0415

        track(models.Worker, personal=["id_number", "phone"])
        track(models.Posting)
        track(models.StaffingRuleSet)
        track(models.StaffingRule)
        track(models.Caseload)
        track(models.RecruitmentRound)
        track(models.RecruitmentPost)
        track(models.Candidate, personal=["id_number", "phone"])
        track(models.CaseloadImport, exclude=["progress", "preview", "errors"])
        # snapshots and run state are derived data, recomputed wholesale: not audited row by row
