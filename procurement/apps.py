from __future__ import annotations

from django.apps import AppConfig


class ProcurementConfig(AppConfig):
    name = "procurement"
    verbose_name = "政府购买服务"

    def ready(self) -> None:
        # the models and the audit registry need the app registry, which is ready only now
        from regions.audit import track  # noqa: PLC0415

        from . import models  # noqa: PLC0415

        for model in (
            models.CatalogueItem,
            models.ThresholdSet,
            models.LocalCondition,
            models.EligibilityReview,
            models.ReviewCondition,
            models.Project,
            models.ServiceStandard,
            models.ScoringCriterion,
            models.ProjectEvent,
            models.Bid,
            models.BidScore,
            models.Contract,
            models.ContractStandard,
            models.TakeoverPlan,
            models.ServiceObligation,
            models.MonitoringRecord,
            models.MonitoringOutput,
            models.FinancialReport,
            models.Acceptance,
            models.Sanction,
            models.ContractorResult,
        ):
            track(model)
        # A contractor's contact person is a natural person: the phone is masked in the history.
        track(models.Contractor, personal=["contact_phone"])
