"""What every page's header needs: the signed-in user's regions, the navigation areas, unread notifications."""

from __future__ import annotations

from regions import access
from regions.notifications import unread_count

from .navigation import areas


def region_scope(request) -> dict:
    """The signed-in user's regions (shown in the header) and the navigation areas."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_areas": []}
    return {
        "scope_grants": access.grants(user),
        "nav_areas": areas(),
        "unread_notifications": unread_count(user),
    }
