"""Writes of the oversight app, one module per entity; re-exported here."""

from .funding import funding_save, transfer_add
from .meetings import (
    issue_follow_up,
    issue_raise,
    issue_raise_from_overview,
    meeting_create,
    overdue_issues_notify,
)
from .overview import overview_compute, overview_nightly, overview_request

__all__ = [
    "funding_save",
    "transfer_add",
    "issue_follow_up",
    "issue_raise",
    "issue_raise_from_overview",
    "meeting_create",
    "overdue_issues_notify",
    "overview_compute",
    "overview_nightly",
    "overview_request",
]
