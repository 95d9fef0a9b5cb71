"""Writes of the oversight app, one module per entity; re-exported here."""

from .overview import overview_compute, overview_nightly, overview_request

__all__ = ["overview_compute", "overview_nightly", "overview_request"]
