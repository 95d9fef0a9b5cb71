"""Access by region: the one helper every queryset, view and API goes through.

A user is granted regions with a role (guardian object permissions `regions.role_<role>` on Region). They see
those regions and everything below them (code prefix), nothing beside them. Out of scope is 404.

Only grants of business roles open business data (`BUSINESS_ROLES`): the three separated administrators (三员分立,
GB/T 22239-2019 等保三级) are granted regions too, but their grants scope only what their own pages ask for by
passing their roles (accounts of an area, the audit trail); every case, worker or procurement list gives them
nothing and every such page is a 404.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce, wraps
from operator import or_
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _

from .choices import ACTING_ROLES, BUSINESS_ROLES, RegionLevel, Role
from .rules import ancestor_codes

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser
    from django_stubs_ext import StrOrPromise

_View = TypeVar("_View", bound=Callable[..., Any])

# A `user` here is whatever request.user holds: a User, an AnonymousUser (no grants, sees nothing), or a user
# carrying the per-request grant cache; it is read with getattr and through its reverse relations, so it is Any.


@dataclass(frozen=True)
class Grant:
    code: str
    name: str
    level: str
    role: Role

    @property
    def level_label(self) -> StrOrPromise:
        return RegionLevel(self.level).label


def grants(user: Any) -> list[Grant]:
    """The user's region grants, cached on the user object for the request (one query)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_region_grants", None)
    if cached is None:
        # through the user's reverse relation, so this module needs no import of the models (which import it)
        rows = (
            user.regionuserobjectpermission_set.filter(permission__codename__startswith="role_")
            .values_list(
                "content_object__code",
                "content_object__name",
                "content_object__level",
                "permission__codename",
            )
            .order_by("content_object__code")
        )
        cached = [
            Grant(code, name, level, Role(codename.removeprefix("role_")))
            for code, name, level, codename in rows
        ]
        user._region_grants = cached
    return cached


def clear_cache(user: Any) -> None:
    user.__dict__.pop("_region_grants", None)


def visible_prefixes(user: Any, roles: Iterable[Role] = BUSINESS_ROLES) -> list[str]:
    """The smallest set of code prefixes covering everything the user may see through grants of `roles` (by
    default the business roles: a separated administrator's grants open no business data)."""
    wanted = set(roles)
    codes = sorted({g.code for g in grants(user) if g.role in wanted})
    kept: list[str] = []
    for code in codes:
        if not any(code.startswith(k) for k in kept):
            kept.append(code)
    return kept


def sees_everything(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False))


def scope_q(user: Any, path: str = "region__code", roles: Iterable[Role] = BUSINESS_ROLES) -> Q | None:
    """A filter for what `user` may see through grants of `roles`, on the region code at `path`; None means no
    filter (superuser).

    Anonymous users and users without such grants get a filter that matches nothing.
    """
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if sees_everything(user):
        return None
    prefixes = visible_prefixes(user, roles)
    if not prefixes:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{path}__startswith": p}) for p in prefixes))


def can_see_code(user: Any, code: str, roles: Iterable[Role] = BUSINESS_ROLES) -> bool:
    if sees_everything(user):
        return True
    return any(code.startswith(p) for p in visible_prefixes(user, roles))


def roles_for(user: Any, code: str) -> set[Role]:
    """The roles the user holds on the region `code` (granted there or on a region above it)."""
    return {g.role for g in grants(user) if code.startswith(g.code)}


def has_role(user: Any, code: str, roles: Iterable[Role] = ACTING_ROLES) -> bool:
    if sees_everything(user):
        return True
    return bool(roles_for(user, code) & set(roles))


def acts_somewhere(user: Any, roles: Iterable[Role] = ACTING_ROLES) -> bool:
    """Whether the user holds an acting role on any region (uploads and other writes whose regions are known only
    after reading them check this first; each row is then checked with has_role)."""
    if sees_everything(user):
        return True
    wanted = set(roles)
    return any(g.role in wanted for g in grants(user))


def role_scope_q(user: Any, path: str = "region__code", roles: Iterable[Role] = ACTING_ROLES) -> Q | None:
    """Like scope_q, but only the regions where the user holds one of `roles` (what waits for them to act on:
    the home page's to-do list); None means no filter (superuser), a user without such a role matches nothing."""
    if sees_everything(user):
        return None
    wanted = set(roles)
    codes = sorted({g.code for g in grants(user) if g.role in wanted})
    if not codes:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{path}__startswith": c}) for c in codes))


#: why a create page refuses a user who may only read (issue 14: refused at the door, not on submit)
READ_ONLY_REASON = "您的角色只能查看，不能在此新建或办理。"


def acting_required(roles: Iterable[Role] = ACTING_ROLES) -> Callable[[_View], _View]:
    """A page that creates something opens only for a user holding one of `roles` somewhere (403 with the reason on
    GET already); the service still checks the role on the region the record belongs to."""
    wanted = frozenset(roles)

    def decorate(view: _View) -> _View:
        @wraps(view)
        def wrapped(request: Any, *args: Any, **kwargs: Any) -> Any:
            if not acts_somewhere(request.user, wanted):
                raise PermissionDenied(_(READ_ONLY_REASON))
            return view(request, *args, **kwargs)

        return cast(_View, wrapped)

    return decorate


def require_visible(user: Any, code: str, roles: Iterable[Role] = BUSINESS_ROLES) -> None:
    """Raise 404 when the region is out of the user's scope (the same answer as 'does not exist')."""
    if not can_see_code(user, code, roles):
        raise Http404


def require_role(user: Any, code: str, roles: Iterable[Role] = ACTING_ROLES) -> None:
    """404 out of scope; PermissionDenied in scope but without a role that may act here. The scope is the
    business roles' plus those of `roles` (a security administrator's grant makes its area visible to a check
    that asks for the security administrator)."""
    roles = set(roles)
    require_visible(user, code, BUSINESS_ROLES | roles)
    if not has_role(user, code, roles):
        raise PermissionDenied(_("您在该区域没有此操作的权限"))


def users_with_role(codes: Iterable[str], roles: Iterable[Role]) -> dict[str, list[AbstractBaseUser]]:
    """For each region code, the active users holding one of `roles` on that region or a region above it
    (one query for all codes): who to notify about something that happened in a region."""
    codes = set(codes)
    wanted = {c for code in codes for c in [*ancestor_codes(code), code]}
    grant_model = apps.get_model("regions", "RegionUserObjectPermission")  # the models import this module
    rows = list(
        grant_model.objects.filter(
            content_object__code__in=wanted,
            permission__codename__in=[f"role_{Role(r).value}" for r in roles],
            user__is_active=True,
        ).values_list("content_object__code", "user_id")
    )
    users = get_user_model().objects.in_bulk({pk for _, pk in rows})
    return {
        code: list({pk: users[pk] for c, pk in rows if c in {*ancestor_codes(code), code}}.values())
        for code in sorted(codes)
    }
