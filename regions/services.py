"""Writes for regions and access: granting roles on regions, API tokens."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from guardian.shortcuts import assign_perm, remove_perm
from rest_framework.authtoken.models import Token

from . import access
from .audit import set_actor
from .choices import Role
from .models import Region


def _region(code: str) -> Region:
    try:
        return Region.objects.get(code=code)
    except Region.DoesNotExist:
        raise ValidationError({"region": f"区划代码 {code} 不存在 / unknown region code"}) from None


def _role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationError(
            {"role": f"角色 {role!r} 无效，可选: {', '.join(Role.values)} / unknown role"}
        ) from None


@transaction.atomic
def region_grant(*, actor: Any, user: Any, region_code: str, role: str) -> Region:
    """Grant `role` on a region (and so everything below it) to `user`; also puts the user in the role's group."""
    region, role = _region(region_code), _role(role)
    with set_actor(actor):
        assign_perm(f"regions.role_{role.value}", user, region)
        group, _ = Group.objects.get_or_create(name=role.value)
        user.groups.add(group)
    access.clear_cache(user)
    return region


@transaction.atomic
def region_revoke(*, actor: Any, user: Any, region_code: str, role: str) -> None:
    region, role = _region(region_code), _role(role)
    with set_actor(actor):
        remove_perm(f"regions.role_{role.value}", user, region)
        access.clear_cache(user)
        if role not in {g.role for g in access.grants(user)}:
            user.groups.remove(*Group.objects.filter(name=role.value))


def api_token_create(*, username: str, rotate: bool = False) -> Token:
    """A token for a service account (one per user); `rotate` replaces an existing one."""
    user = get_user_model().objects.get(username=username)
    if rotate:
        Token.objects.filter(user=user).delete()
    token, _ = Token.objects.get_or_create(user=user)
    return token
