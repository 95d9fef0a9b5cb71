"""API serializers, one module per entity; import from here (`from procurement.api import serializers as s`).
Contact phones leave masked; recipients' personal data is never part of this app."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from . import bids, catalogue, common, contractors, contracts, projects, sanctions, supervision
from .bids import BidCreateSerializer, BidSerializer, InvalidateSerializer, ScoreSerializer
from .catalogue import CatalogueItemCreateSerializer, CatalogueItemSerializer
from .common import JSONListField, NoteSerializer, ReasonSerializer
from .contractors import ContractorSerializer, ReviewConditionInput, ReviewCreateSerializer, ReviewSerializer
from .contracts import ContractCreateSerializer, ContractSerializer, ObligationInput, TakeoverPlanInput
from .projects import (
    CriterionInput,
    EventSerializer,
    PlatformSerializer,
    ProjectCreateSerializer,
    ProjectDetailSerializer,
    ProjectSerializer,
    PublishSerializer,
    StandardInput,
    SwitchMethodSerializer,
)
from .sanctions import DebarmentSerializer, SanctionSerializer
from .supervision import (
    AcceptanceSerializer,
    FinancialReportSerializer,
    MonitoringSerializer,
    OutputInput,
    PaymentSerializer,
    RectifiedSerializer,
    SubcontractingFindingSerializer,
    SubcontractingSanctionInput,
)

__all__ = [
    "AcceptanceSerializer",
    "BidCreateSerializer",
    "BidSerializer",
    "CatalogueItemCreateSerializer",
    "CatalogueItemSerializer",
    "ContractCreateSerializer",
    "ContractSerializer",
    "ContractorSerializer",
    "CriterionInput",
    "DebarmentSerializer",
    "EventSerializer",
    "FinancialReportSerializer",
    "InvalidateSerializer",
    "JSONListField",
    "MonitoringSerializer",
    "NoteSerializer",
    "ObligationInput",
    "OutputInput",
    "PaymentSerializer",
    "ProjectCreateSerializer",
    "ProjectDetailSerializer",
    "ProjectSerializer",
    "PlatformSerializer",
    "PublishSerializer",
    "RectifiedSerializer",
    "ReasonSerializer",
    "ReviewConditionInput",
    "ReviewCreateSerializer",
    "ReviewSerializer",
    "SanctionSerializer",
    "ScoreSerializer",
    "StandardInput",
    "SubcontractingFindingSerializer",
    "SubcontractingSanctionInput",
    "SwitchMethodSerializer",
    "TakeoverPlanInput",
]


def _name_components() -> None:
    """Prefix every component with "Procurement" so names never collide with other apps' serializers."""
    for module in (common, catalogue, contractors, projects, bids, contracts, supervision, sanctions):
        for name, value in list(vars(module).items()):
            if (
                isinstance(value, type)
                and issubclass(value, serializers.BaseSerializer)
                and value.__module__ == module.__name__
            ):
                extend_schema_serializer(component_name=f"Procurement{name.removesuffix('Serializer')}")(
                    value
                )


_name_components()
