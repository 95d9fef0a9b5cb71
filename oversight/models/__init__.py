"""Models of the oversight app, one module per entity group."""

from .funding import CountyFunding, FundingReference, FundTransfer
from .meetings import FollowUp, Issue, Meeting
from .overview import OverviewSnapshot, Threshold

__all__ = [
    "CountyFunding",
    "FollowUp",
    "FundTransfer",
    "FundingReference",
    "Issue",
    "Meeting",
    "OverviewSnapshot",
    "Threshold",
]
