"""Reads of account management: the accounts an administrator sees (those working or granted in its area), a
user's grants, its change history, the regions and roles it may grant."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from regions import access
from regions.choices import (
    ACCOUNT_ADMIN_ROLES,
    AUDIT_ADMIN_ROLES,
    BUSINESS_ROLES,
    SECURITY_ADMIN_ROLES,
    Role,
)
from regions.models import Region, RegionUserObjectPermission

from . import rules
from .models import Account

User = get_user_model()

#: who reads the accounts of its area through the API (a provincial system's service account, viewers, the
#: administrators); pages are for the administering roles
READ_ROLES = frozenset(BUSINESS_ROLES | SECURITY_ADMIN_ROLES | AUDIT_ADMIN_ROLES)


def users_in_scope(actor: Any, roles: frozenset[Role] = ACCOUNT_ADMIN_ROLES) -> QuerySet[Any]:
    """Accounts working in (Account.region) or granted a region within the area where the actor holds `roles`;
    the superuser sees every account. Grants and account come along (no query per row)."""
    grants = Prefetch(
        "regionuserobjectpermission_set",
        queryset=RegionUserObjectPermission.objects.filter(permission__codename__startswith="role_")
        .select_related("content_object", "permission")
        .order_by("content_object__code"),
        to_attr="region_grants",
    )
    qs = User.objects.select_related("account", "account__region").prefetch_related(grants)
    if access.sees_everything(actor):
        return qs.order_by("username")
    prefixes = access.visible_prefixes(actor, roles)
    if not prefixes:
        return qs.none()
    within = reduce(
        or_,
        (
            Q(account__region__code__startswith=p)
            | Q(regionuserobjectpermission__content_object__code__startswith=p)
            for p in prefixes
        ),
    )
    ids = User.objects.filter(within, is_superuser=False).values("pk")
    return qs.filter(pk__in=ids).order_by("username")


def user_for(actor: Any, pk: int, roles: frozenset[Role] = ACCOUNT_ADMIN_ROLES) -> Any:
    user = users_in_scope(actor, roles).filter(pk=pk).first()
    if user is None:
        raise Http404
    return user


def role_of(grant: RegionUserObjectPermission) -> Role:
    return Role(grant.permission.codename.removeprefix("role_"))


def grantable_regions(actor: Any) -> QuerySet[Region]:
    """The regions at or below those where the actor administers accounts."""
    if access.sees_everything(actor):
        return Region.objects.all()
    prefixes = access.visible_prefixes(actor, ACCOUNT_ADMIN_ROLES)
    if not prefixes:
        return Region.objects.none()
    return Region.objects.filter(reduce(or_, (Q(code__startswith=p) for p in prefixes)))


def grantable_roles(actor: Any) -> list[Role]:
    if access.sees_everything(actor):
        return list(Role)
    allowed: set[Role] = set()
    for g in access.grants(actor):
        allowed |= rules.GRANTABLE.get(g.role, frozenset())
    return [r for r in Role if r in allowed]


def is_account_admin(user: Any) -> bool:
    return access.sees_everything(user) or access.acts_somewhere(user, ACCOUNT_ADMIN_ROLES)


def history(user: Any, limit: int = 100) -> list[LogEntry]:
    """The change history of the account: the user, its account data and its grants (django-auditlog)."""
    user_type = ContentType.objects.get_for_model(User)
    account_type = ContentType.objects.get_for_model(Account)
    grant_type = ContentType.objects.get_for_model(RegionUserObjectPermission)
    account_pk = Account.objects.filter(user=user).values_list("pk", flat=True).first()
    q = Q(content_type=user_type, object_pk=str(user.pk)) | Q(
        content_type=grant_type, additional_data__user_id=user.pk
    )
    if account_pk is not None:
        q |= Q(content_type=account_type, object_pk=str(account_pk))
    return list(LogEntry.objects.filter(q).select_related("actor").order_by("-timestamp", "-id")[:limit])
