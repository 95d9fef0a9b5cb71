from __future__ import annotations

from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = "统筹督导"

    def ready(self) -> None:
        # the app registry is not ready when this module is imported: models load only here
        from regions.audit import track  # noqa: PLC0415

        from . import models  # noqa: PLC0415

        track(models.Threshold)
        track(models.Meeting)
        track(models.Issue)
        track(models.FollowUp)
        track(models.FundingReference)
        track(models.CountyFunding)
        track(models.FundTransfer)
        # snapshots are derived data, recomputed wholesale: not audited row by row
