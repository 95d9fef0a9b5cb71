"""REST API of procurement: catalogue, contractors and reviews, projects with their steps, contracts with
supervision and takeover, sanctions. Views parse input and call one service; errors come back as 400/404/409."""

from __future__ import annotations

from .contractors import CatalogueViewSet, ContractorViewSet
from .contracts import ContractViewSet
from .projects import ProjectViewSet
from .sanctions import SanctionViewSet
from .subcontracting import SubcontractingFindingViewSet

__all__ = [
    "CatalogueViewSet",
    "ContractViewSet",
    "ContractorViewSet",
    "ProjectViewSet",
    "SanctionViewSet",
    "SubcontractingFindingViewSet",
]
