"""Models of the oversight app, one module per entity group."""

from .meetings import FollowUp, Issue, Meeting
from .overview import OverviewSnapshot, Threshold

__all__ = ["FollowUp", "Issue", "Meeting", "OverviewSnapshot", "Threshold"]
