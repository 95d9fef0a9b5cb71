"""Writes of account management in the product (issue 13): a county (city, province) admin or a security
administrator creates accounts of its area, grants and revokes roles on regions at or below its own, resets a
password (changed at next login) and deactivates an account (never deleted: history keeps the name).

Every refusal is the same answer as elsewhere: 404 for a region or account out of the administrator's area, 403 for
a role above what it may grant. Changes are recorded in the change history with the administrator as actor."""

from __future__ import annotations

import secrets
import string
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from regions import access
from regions.audit import set_actor
from regions.choices import Role
from regions.models import Region
from regions.services import region_grant, region_revoke

from . import rules
from .models import Account
from .sessions import end_sessions

User = get_user_model()


def held(actor: Any) -> list[rules.Held]:
    """The administrator's grants as the rules read them."""
    return [rules.Held(g.code, g.role) for g in access.grants(actor)]


def _raise(refusal: str | None, forbidden: str) -> None:
    if refusal == rules.NOT_FOUND:
        raise Http404
    if refusal == rules.FORBIDDEN:
        raise PermissionDenied(forbidden)


def check_grant(actor: Any, code: str, role: Role) -> None:
    """404 for a region above or beside the administrator's own, 403 for a role above what it may grant."""
    if access.sees_everything(actor):
        return
    _raise(rules.grant_refusal(held(actor), code, role), _("您不能授予高于本人权限的角色"))


def check_manage(actor: Any, user: Any) -> None:
    """The administrator may manage this account: not itself, not an account with a grant above its own area or
    duty (403), not an account out of its area (404)."""
    if access.sees_everything(actor):
        return
    if user.is_superuser:
        raise Http404
    if actor.pk == user.pk:
        raise PermissionDenied(_("不能管理本人的账号，请由其他管理员办理"))
    account = Account.objects.filter(user=user).select_related("region").first()
    anchor = account.region.code if account is not None and account.region is not None else None
    targets = [(g.code, g.role) for g in access.grants(user)]
    _raise(rules.manage_refusal(held(actor), targets, anchor), _("该账号拥有超出您管理范围的角色"))


def _region(code: str) -> Region:
    region = Region.objects.filter(code=(code or "").strip()).first()
    if region is None:
        raise ValidationError({"region": _("区划代码不存在")})
    return region


def _role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        raise ValidationError({"role": _("角色无效")}) from None


def temporary_password() -> str:
    """16 characters with all four classes: shown once to the administrator, changed at first login."""
    alphabet = string.ascii_letters + string.digits + "@#%+=-"
    while True:
        password = "".join(secrets.choice(alphabet) for _ in range(16))
        if rules.character_classes(password) == 4:
            return password


def _validate_new(username: str, full_name: str, phone: str) -> dict[str, str]:
    errors: dict[str, str] = {}
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        errors["username"] = _("用户名只能包含字母、数字和 @.+-_")
    if not username or len(username) > 150:
        errors["username"] = _("请填写用户名（不超过150个字符）")
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = _("用户名已被使用")
    if not full_name or len(full_name) > 150:
        errors["full_name"] = _("请填写姓名（不超过150个字）")
    problem = rules.mobile_error(phone)
    if problem:
        errors["phone"] = problem
    return errors


@transaction.atomic
def account_create(
    *, actor: Any, username: str, full_name: str, phone: str, region_code: str, role: str
) -> tuple[Any, str]:
    """A new account working in `region_code` with `role` there; returns it and its temporary password (shown
    once; the user must change it at first login)."""
    username, full_name = (username or "").strip(), (full_name or "").strip()
    region, wanted = _region(region_code), _role(role)
    check_grant(actor, region.code, wanted)
    errors = _validate_new(username, full_name, phone)
    problem = rules.level_error(wanted, region.level)
    if problem:
        errors["role"] = problem
    if errors:
        raise ValidationError(errors)
    password = temporary_password()
    with set_actor(actor):
        user = User(username=username, first_name=full_name)
        user.set_password(password)
        user.save()
        Account.objects.create(
            user=user,
            region=region,
            phone=rules.normalise_mobile(phone),
            must_change_password=True,
            created_by=actor,
        )
    region_grant(actor=actor, user=user, region_code=region.code, role=wanted)
    return user, password


@transaction.atomic
def grant_add(*, actor: Any, user: Any, region_code: str, role: str) -> Region:
    """Grant `role` on a region at or below the administrator's own to an account it manages."""
    region, wanted = _region(region_code), _role(role)
    check_manage(actor, user)
    check_grant(actor, region.code, wanted)
    problem = rules.level_error(wanted, region.level)
    if problem:
        raise ValidationError({"role": problem})
    if any(g.code == region.code and g.role == wanted for g in access.grants(user)):
        raise Conflict(_("该账号已有这一授权"), code="grant_exists")
    return region_grant(actor=actor, user=user, region_code=region.code, role=wanted)


@transaction.atomic
def grant_revoke(*, actor: Any, user: Any, region_code: str, role: str) -> None:
    region, wanted = _region(region_code), _role(role)
    check_manage(actor, user)
    check_grant(actor, region.code, wanted)
    access.clear_cache(user)
    if not any(g.code == region.code and g.role == wanted for g in access.grants(user)):
        raise Conflict(_("该授权已撤销"), code="grant_missing")
    region_revoke(actor=actor, user=user, region_code=region.code, role=wanted)


@transaction.atomic
def password_reset(*, actor: Any, user: Any) -> str:
    """A new temporary password (shown once); the user must change it at next login; its sessions end."""
    check_manage(actor, user)
    password = temporary_password()
    with set_actor(actor):
        user.set_password(password)
        user.save()
        account, _created = Account.objects.get_or_create(user=user)
        account.must_change_password = True
        account.save(update_fields=["must_change_password"])
    end_sessions(user)
    return password


def _set_active(actor: Any, user: Any, active: bool) -> Any:
    check_manage(actor, user)
    locked = User.objects.select_for_update().get(pk=user.pk)  # of two administrators at once, one wins
    if locked.is_active == active:
        raise Conflict(_("账号已启用") if active else _("账号已停用"), code="account_state")
    locked.is_active = active
    with set_actor(actor):
        locked.save(update_fields=["is_active"])
    if not active:
        end_sessions(locked)
    return locked


@transaction.atomic
def account_deactivate(*, actor: Any, user: Any) -> Any:
    """Stop an account (never deleted: its name stays in every record); its sessions end at once."""
    return _set_active(actor, user, False)


@transaction.atomic
def account_reactivate(*, actor: Any, user: Any) -> Any:
    return _set_active(actor, user, True)


@transaction.atomic
def password_changed_by_owner(*, user: Any) -> None:
    """The user chose a new password: the administrator's reset (or the rotation) is satisfied."""
    Account.objects.filter(user=user).update(must_change_password=False)
