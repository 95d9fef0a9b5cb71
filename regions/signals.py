"""Receivers of the spine (connected in RegionsConfig.ready)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission

from .choices import PERSONAL_DATA_ROLES, Role


def ensure_role_groups(**kwargs: Any) -> None:
    """One group per role; the roles that handle people's cases may see full personal data (still logged)."""
    reveal = Permission.objects.filter(
        codename="reveal_personal_data", content_type__app_label="regions"
    ).first()
    for role in Role:
        group, _ = Group.objects.get_or_create(name=role.value)
        if reveal and role in PERSONAL_DATA_ROLES:
            group.permissions.add(reveal)
