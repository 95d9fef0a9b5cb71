"""Government purchase of social-assistance services (粤民发〔2018〕170号 一).

Catalogue → contractors and their eligibility reviews → projects through the five stages → bids and scores →
contracts with a takeover plan → supervision, acceptance, takeover → sanctions and debarment; the published
evaluation results of each contractor (pushed by evaluation) are read beside its bids.
Region-owned models declare where their region code lives (REGION_CODE_PATH) so `visible_to(user)` scopes them.
One module per entity; import from here (`from procurement.models import Contract`).
"""

from __future__ import annotations

from .bids import Bid, BidScore
from .catalogue import CatalogueItem, ThresholdSet
from .contractors import Contractor, ContractorQuerySet, EligibilityReview, LocalCondition, ReviewCondition
from .contracts import Contract, ContractStandard, ServiceObligation, TakeoverPlan
from .projects import Project, ProjectEvent, ScoringCriterion, ServiceStandard
from .results import ContractorResult
from .sanctions import Sanction
from .subcontracting import SubcontractingFinding
from .supervision import Acceptance, FinancialReport, MonitoringOutput, MonitoringRecord, ThirdPartyPayment

__all__ = [
    "Acceptance",
    "Bid",
    "BidScore",
    "CatalogueItem",
    "Contract",
    "ContractStandard",
    "Contractor",
    "ContractorQuerySet",
    "ContractorResult",
    "EligibilityReview",
    "FinancialReport",
    "LocalCondition",
    "MonitoringOutput",
    "MonitoringRecord",
    "Project",
    "ProjectEvent",
    "ReviewCondition",
    "Sanction",
    "ScoringCriterion",
    "ServiceObligation",
    "ServiceStandard",
    "SubcontractingFinding",
    "TakeoverPlan",
    "ThirdPartyPayment",
    "ThresholdSet",
]
