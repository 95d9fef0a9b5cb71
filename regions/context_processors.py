from __future__ import annotations

from . import access
from .navigation import areas


def region_scope(request) -> dict:
    """The signed-in user's regions (shown in the header) and the navigation areas."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_areas": []}
    from .notifications import unread_count

    return {
        "scope_grants": access.grants(user),
        "nav_areas": areas(),
        "unread_notifications": unread_count(user),
    }
