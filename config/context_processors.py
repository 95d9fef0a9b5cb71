"""What every page's header needs: the signed-in user's regions, the navigation areas, unread notifications, and
for admins the banner of a missing holiday schedule (domain.md 12)."""

from __future__ import annotations

from django.utils import timezone

from regions import access
from regions.choices import ADMIN_ROLES, AUDIT_ADMIN_ROLES
from regions.notifications import unread_count
from windows.home_selectors import can_take_in
from windows.selectors import missing_schedule_year

from .navigation import areas


def region_scope(request) -> dict:
    """The signed-in user's regions (shown in the header) and the navigation areas."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_areas": []}
    grants = access.grants(user)
    is_admin = user.is_superuser or any(g.role in ADMIN_ROLES for g in grants)
    return {
        "scope_grants": grants,
        "nav_areas": areas(user),
        # what the role may do: pages offer an action (登记受理, 新建 …) only to a user who may take it
        "user_acts": access.acts_somewhere(user),
        "user_is_admin": is_admin,
        # the security audit trail's page: the audit administrator and the superuser only (三员分立)
        "user_reads_audit": user.is_superuser or any(g.role in AUDIT_ADMIN_ROLES for g in grants),
        # a callable: the template calls it (one query) only on the pages that offer intake
        "user_takes_in": lambda: can_take_in(user),
        "unread_notifications": unread_count(user),
        # admins see a banner until the year's national holiday schedule is entered (from 1 November: next year's)
        "holiday_schedule_missing": missing_schedule_year(timezone.localdate()) if is_admin else None,
    }
