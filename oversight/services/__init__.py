"""Writes of the oversight app, one module per entity; re-exported here."""

from .meetings import (
    issue_follow_up,
    issue_raise,
    issue_raise_from_overview,
    meeting_create,
    overdue_issues_notify,
)
from .overview import overview_compute, overview_nightly, overview_request

__all__ = [
    "issue_follow_up",
    "issue_raise",
    "issue_raise_from_overview",
    "meeting_create",
    "overdue_issues_notify",
    "overview_compute",
    "overview_nightly",
    "overview_request",
]
