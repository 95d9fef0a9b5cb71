"""Receivers that write the security audit trail (connected in RegionsConfig.ready): logins, log-outs, failed
logins and lock-outs (django-axes), accounts and passwords, grants, full views of personal data, reference-table
changes (through their django-auditlog entries) and the admin site's change log. On the models rather than in
the services, so whichever service, command or admin page makes the change, it is recorded.
等保2.0 三级 GB/T 22239-2019 8.1.4.3 a)–b): 审计覆盖到每个用户，对重要的用户行为和重要安全事件进行审计.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth import get_user_model
from django.http import HttpRequest

from . import audit
from .choices import AuditAction
from .models import PersonalDataAccess, RegionUserObjectPermission

#: the account fields whose changes are recorded (never the password hash: a change of it is PASSWORD_CHANGE)
ACCOUNT_FIELDS = ("username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser")
#: account fields that are personal information (GB/T 35273-2020): masked in before/after
ACCOUNT_PERSONAL = frozenset({"email"})


def _user_target(user: Any) -> str:
    return f"{user._meta.label}#{user.pk} {user.get_username()}"


def logged_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit.record(AuditAction.LOGIN, actor=user, request=request, target=_user_target(user))


def logged_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit.record(AuditAction.LOGOUT, actor=user, request=request, target=_user_target(user))


def _region_of_username(username: str) -> str:
    user = get_user_model().objects.filter(username=username).first()
    return audit.home_region(user) if user else ""


def login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kw: Any
) -> None:
    username = str(credentials.get("username") or "")[:150]
    audit.record(
        AuditAction.LOGIN_FAILED,
        actor=None,
        username=username,
        request=request,
        region_code=_region_of_username(username),
    )


def locked_out(sender: Any, request: HttpRequest, username: str | None = None, **kwargs: Any) -> None:
    audit.record(
        AuditAction.LOCKED_OUT,
        actor=None,
        username=username or "",
        request=request,
        region_code=_region_of_username(username or ""),
        summary=str(kwargs.get("ip_address") or ""),
    )


def account_before(sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any) -> None:
    """Remember the stored account before a save (not for the login's own last_login update)."""
    if instance.pk is None or (update_fields is not None and set(update_fields) <= {"last_login"}):
        return
    instance._audit_before = (
        type(instance)._default_manager.filter(pk=instance.pk).values(*ACCOUNT_FIELDS, "password").first()
    )


def account_saved(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    if created:
        after = {f: [None, getattr(instance, f)] for f in ACCOUNT_FIELDS}
        audit.record(
            AuditAction.ACCOUNT_CREATE,
            target=_user_target(instance),
            region_code=None if audit.current_actor() else "",
            changes=audit.masked_changes(after, ACCOUNT_PERSONAL),
        )
        return
    before = instance.__dict__.pop("_audit_before", None)
    if not before:
        return
    if before["password"] != instance.password:
        audit.record(
            AuditAction.PASSWORD_CHANGE,
            target=_user_target(instance),
            region_code=audit.home_region(instance),
        )
    diff = {f: (before[f], getattr(instance, f)) for f in ACCOUNT_FIELDS if before[f] != getattr(instance, f)}
    if diff:
        audit.record(
            AuditAction.ACCOUNT_CHANGE,
            target=_user_target(instance),
            region_code=audit.home_region(instance),
            changes=audit.masked_changes(diff, ACCOUNT_PERSONAL),
        )


def _grant(instance: RegionUserObjectPermission, action: AuditAction) -> None:
    role = instance.permission.codename.removeprefix("role_")
    audit.record(
        action,
        region_code=instance.content_object.code,
        target=_user_target(instance.user),
        summary=f"{role} @ {instance.content_object.code}",
        changes={"role": [None, role] if action == AuditAction.GRANT_ADD else [role, None]},
    )


def grant_saved(sender: Any, instance: RegionUserObjectPermission, created: bool, **kwargs: Any) -> None:
    if created:
        _grant(instance, AuditAction.GRANT_ADD)


def grant_deleted(sender: Any, instance: RegionUserObjectPermission, **kwargs: Any) -> None:
    _grant(instance, AuditAction.GRANT_REMOVE)


def personal_viewed(sender: Any, instance: PersonalDataAccess, created: bool, **kwargs: Any) -> None:
    """Every row of the per-person access index (regions.personal.reveal, the intake's ID look-up) is also an
    event of the audit trail, which names the row."""
    if created:
        audit.record(
            AuditAction.PERSONAL_REVEAL,
            actor=instance.user,
            region_code=instance.region_code,
            target=f"{instance.model}#{instance.object_pk}.{instance.field}",
            summary=f"PersonalDataAccess#{instance.pk} {instance.reason}".strip(),
        )


def reference_changed(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    """A change to a reference table (settings.AUDIT_REFERENCE_MODELS) or to an account's own data
    (settings.AUDIT_ACCOUNT_MODELS, e.g. its phone) as its auditlog entry saw it (personal fields masked there)."""
    if not created:
        return
    label = f"{instance.content_type.app_label}.{instance.content_type.model}"
    if label in {m.lower() for m in settings.AUDIT_REFERENCE_MODELS}:
        action = AuditAction.REFERENCE_CHANGE
    elif label in {m.lower() for m in settings.AUDIT_ACCOUNT_MODELS}:
        action = AuditAction.ACCOUNT_CHANGE
    else:
        return
    changes = instance.changes_dict if isinstance(instance.changes_dict, dict) else {}
    audit.record(
        action,
        actor=instance.actor,
        target=f"{label}#{instance.object_pk} {instance.object_repr}"[:200],
        summary=str(instance.get_action_display()),
        changes={k: [None if x is None else str(x) for x in v][:2] for k, v in changes.items()},
    )


def admin_logged(sender: Any, instance: AdminLogEntry, created: bool, **kwargs: Any) -> None:
    """A change made through the Django admin site (the superuser's installation tool): what it changed."""
    if created:
        audit.record(
            AuditAction.ADMIN_USE,
            actor=instance.user,
            target=f"{instance.content_type.app_label if instance.content_type else ''}#{instance.object_id}"
            f" {instance.object_repr}"[:200],
            summary=f"{instance.get_action_flag_display()} {instance.get_change_message()}",
        )
