"""Models of the oversight app, one module per entity group."""

from .overview import OverviewSnapshot, Threshold

__all__ = ["OverviewSnapshot", "Threshold"]
