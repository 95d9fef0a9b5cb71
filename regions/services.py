"""Writes for regions and access: granting roles on regions, API tokens."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from core.exceptions import Conflict

from . import access, rules, tokens
from .audit import set_actor
from .choices import Role
from .models import ApiToken, Region

#: the longest validity an API token may be given (a year)
MAX_TOKEN_DAYS = 366


def _region(code: str) -> Region:
    try:
        return Region.objects.get(code=code)
    except Region.DoesNotExist:
        raise ValidationError({"region": _("区划代码 {code} 不存在").format(code=code)}) from None


def _role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationError(
            {"role": _("角色 {role!r} 无效，可选: {value}").format(role=role, value=", ".join(Role.values))}
        ) from None


@transaction.atomic
def region_grant(*, actor: Any, user: Any, region_code: str, role: str) -> Region:
    """Grant `role` on a region (and so everything below it) to `user`; also puts the user in the role's group.

    Refused when it would break the separation of the three administrators (rules.separation_error); the user's
    row is locked first, so two grants at once are checked one after the other."""
    region, role = _region(region_code), _role(role)
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    access.clear_cache(user)
    problem = rules.separation_error({g.role for g in access.grants(user)}, role)
    if problem:
        raise ValidationError({"role": ValidationError(problem, code="separation_of_duties")})
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


def _may_manage_tokens_of(actor: Any, user: Any) -> bool:
    """A token's owner, or an administrator (superuser)."""
    return bool(getattr(actor, "is_superuser", False)) or (actor is not None and actor.pk == user.pk)


@transaction.atomic
def api_token_create(
    *,
    actor: Any,
    user: Any,
    name: str = "",
    days: int | None = None,
    rotate: bool = False,
    now: dt.datetime | None = None,
) -> tuple[ApiToken, str]:
    """A new API token for `user` (by the user or an administrator): returns the token and its key, which is
    shown this once and never stored (only its SHA-256 digest). It is valid through the API_TOKEN_DAYS-th day
    (default 90) after today, local time. `rotate` revokes the user's other active tokens first."""
    if not _may_manage_tokens_of(actor, user):
        raise PermissionDenied(_("只能为自己申请令牌"))
    days = settings.API_TOKEN_DAYS if days is None else days
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= MAX_TOKEN_DAYS:
        raise ValidationError({"days": _("有效天数须在1到%(max)d之间") % {"max": MAX_TOKEN_DAYS}})
    name = (name or "").strip()
    if len(name) > 100:
        raise ValidationError({"name": _("用途不超过100个字")})
    now = now or timezone.now()
    if rotate:
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=now, revoked_by=actor)
    last_day = rules.token_last_day(timezone.localdate(now), days)
    expires_at = timezone.make_aware(dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time.min))
    key = tokens.new_key()
    with set_actor(actor):
        token = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=tokens.key_prefix(key),
            digest=tokens.key_digest(key),
            created_at=now,
            expires_at=expires_at,
        )
    return token, key


@transaction.atomic
def api_token_revoke(*, actor: Any, token: ApiToken, now: dt.datetime | None = None) -> ApiToken:
    """Revoke a token (its owner or an administrator); it is refused from then on. Revoking twice is a conflict."""
    if not _may_manage_tokens_of(actor, token.user):
        raise Http404
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now(), revoked_by=actor
    )
    if not revoked:
        raise Conflict(_("令牌已撤销"), code="token_revoked")
    token.refresh_from_db()
    return token
