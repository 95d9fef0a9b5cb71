"""Two-factor login with time-based one-time passwords (RFC 6238, django-otp): 等保2.0 三级 GB/T 22239-2019
8.1.4.1 d) 应采用口令、密码技术、生物技术等两种或两种以上组合的鉴别技术对用户进行身份鉴别.

Required for the three separated administrators, county admins (and so city and province admins: a county admin
granted higher up), the superuser, and every account working in a region that requires it: the region's own
setting or the nearest one above (RegionTwoFactor, set by a security administrator for its area in the product),
else the installation default settings.TWO_FACTOR_REQUIRED_REGIONS; optional for everyone else, but
whoever has enrolled is always asked. At login the session is marked pending (`PENDING_KEY`) and the middleware
lets nothing through but these pages until the code is given; enrolment shows a QR code and recovery codes once.
Every enrolment, verification, failure, recovery-code issue and reset is a security audit record.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.exceptions import Conflict

from . import access, audit
from .audit import set_actor
from .choices import ADMIN_ROLES, SECURITY_ADMIN_ROLES, SEPARATED_ADMIN_ROLES, AuditAction
from .models import Region, RegionTwoFactor
from .rules import ancestor_codes, two_factor_required_in

#: the roles that must log in with a second factor (issue 13: the three administrators, county admins and above)
REQUIRED_ROLES = frozenset(SEPARATED_ADMIN_ROLES | ADMIN_ROLES)
#: the session key saying the second factor is still owed: "verify" (enrolled) or "enrol" (required, no device)
PENDING_KEY = "twofactor_pending"
RECOVERY_CODES = 10


def is_required(user: Any) -> bool:
    """The superuser and the REQUIRED_ROLES always; anyone else when a region it works in requires it (the nearest
    region's setting, RegionTwoFactor, else the installation default: rules.two_factor_required_in)."""
    if getattr(user, "is_superuser", False):
        return True
    grants = access.grants(user)
    if any(g.role in REQUIRED_ROLES for g in grants):
        return True
    codes = {g.code for g in grants}
    if not codes:
        return False
    wanted = {c for code in codes for c in [code, *ancestor_codes(code)]}
    explicit = dict(
        RegionTwoFactor.objects.filter(region__code__in=wanted).values_list("region__code", "required")
    )
    default = tuple(settings.TWO_FACTOR_REQUIRED_REGIONS)
    return any(two_factor_required_in(code, explicit, default) for code in codes)


#: what a security administrator may choose for a region: require, not require, or follow the region above
REGION_CHOICES = ("on", "off", "inherit")


@transaction.atomic
def region_setting_set(*, actor: Any, region_code: str, choice: str) -> RegionTwoFactor | None:
    """A security administrator sets whether accounts working in a region at or below its own must use a second
    factor ("inherit" removes the region's own setting). 404 out of its area, 403 for anyone but a security
    administrator; the change is in the history and the security audit trail."""
    region = Region.objects.filter(code=(region_code or "").strip()).first()
    if region is None:
        raise ValidationError({"region": _("区划代码不存在")})
    access.require_role(actor, region.code, SECURITY_ADMIN_ROLES)
    if choice not in REGION_CHOICES:
        raise ValidationError({"choice": _("请选择要求、不要求或沿用上级设置")})
    current = RegionTwoFactor.objects.select_for_update().filter(region=region).first()
    before = None if current is None else current.required
    after = None if choice == "inherit" else choice == "on"
    if before == after:
        raise Conflict(_("该区域已是此设置"), code="unchanged")
    with set_actor(actor):
        if after is None:
            assert current is not None  # before != after
            current.delete()
            current = None
        else:
            current = current or RegionTwoFactor(region=region)
            current.required, current.updated_by = after, actor
            current.save()
    audit.record(
        AuditAction.OTP_POLICY,
        actor=actor,
        region_code=region.code,
        target=str(region),
        changes={"required": [_setting_text(before), _setting_text(after)]},
    )
    return current


def _setting_text(value: bool | None) -> str:
    return "inherit" if value is None else "on" if value else "off"


def totp_device(user: Any, *, confirmed: bool | None = True) -> TOTPDevice | None:
    devices = TOTPDevice.objects.filter(user=user)
    if confirmed is not None:
        devices = devices.filter(confirmed=confirmed)
    return devices.order_by("-pk").first()


def is_enrolled(user: Any) -> bool:
    enrolled: bool = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    return enrolled


def pending_after_login(user: Any) -> str:
    """What the session owes after the password: "verify", "enrol" or "" (nothing)."""
    if is_enrolled(user):
        return "verify"
    return "enrol" if is_required(user) else ""


def mark_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    """user_logged_in: the session owes the second factor until it is given."""
    pending = pending_after_login(user)
    if pending and hasattr(request, "session"):
        request.session[PENDING_KEY] = pending


@transaction.atomic
def enrol_start(*, user: Any) -> TOTPDevice:
    """An unconfirmed TOTP device with a fresh key (the QR code's); an earlier unconfirmed one is replaced."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=_("身份验证器"), confirmed=False)


def _new_recovery_codes(user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("恢复码"), confirmed=True)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def enrol_confirm(*, request: HttpRequest, token: str) -> list[str]:
    """Confirm the pending device with a code from the app: the earlier device goes, recovery codes are made
    (returned to be shown once), the session counts as verified. A wrong code is recorded (and throttled by
    django-otp), outside the transaction of a right one."""
    user: Any = request.user
    device = totp_device(user, confirmed=False)
    if device is None:
        raise ValidationError({"token": _("请先扫描二维码")})
    if not device.verify_token(_digits(token)):
        audit.record(AuditAction.OTP_FAILED, request=request, summary="enrol")
        raise ValidationError({"token": _("验证码不正确，请核对手机时间后重试")})
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_recovery_codes(user)
        audit.record(AuditAction.OTP_ENROL, request=request, target=_target(user))
    _verified(request, device)
    return codes


def _digits(token: str) -> str:
    return "".join(str(token or "").split())


def _verified(request: HttpRequest, device: Any) -> None:
    otp_login(request, device)
    request.session.pop(PENDING_KEY, None)


def _target(user: Any) -> str:
    return f"{user._meta.label}#{user.pk} {user.get_username()}"


def verify(*, request: HttpRequest, token: str) -> None:
    """The second factor at login: a code from the app, or a recovery code (each works once)."""
    user: Any = request.user
    token = _digits(token).lower()
    with transaction.atomic():
        device: Any = totp_device(user)
        ok = device is not None and token.isdigit() and device.verify_token(token)
        if not ok:
            recovery = StaticDevice.objects.filter(user=user, confirmed=True).first()
            device = recovery if recovery is not None and recovery.verify_token(token) else None
    if device is None:
        audit.record(AuditAction.OTP_FAILED, request=request, summary="login")
        raise ValidationError({"token": _("验证码不正确")})
    audit.record(
        AuditAction.OTP_VERIFY,
        request=request,
        summary="recovery" if isinstance(device, StaticDevice) else "totp",
    )
    _verified(request, device)


@transaction.atomic
def recovery_codes_renew(*, request: HttpRequest, token: str) -> list[str]:
    """New recovery codes (the old ones stop working), confirmed by a current code from the app."""
    user: Any = request.user
    device = totp_device(user)
    if device is None or not device.verify_token(_digits(token)):
        raise ValidationError({"token": _("验证码不正确")})
    codes = _new_recovery_codes(user)
    audit.record(AuditAction.OTP_RECOVERY, request=request, target=_target(user))
    return codes


def may_reset_someone(actor: Any) -> bool:
    return access.sees_everything(actor) or any(g.role in SECURITY_ADMIN_ROLES for g in access.grants(actor))


def may_reset(actor: Any, user: Any) -> bool:
    """A security administrator over every region the account works in (or the superuser)."""
    if access.sees_everything(actor):
        return True
    codes = {g.code for g in access.grants(user)}
    return bool(codes) and all(access.has_role(actor, code, SECURITY_ADMIN_ROLES) for code in codes)


@transaction.atomic
def reset(*, actor: Any, user: Any) -> None:
    """Remove an account's second factor (a lost phone): its next login enrols again. Only a security
    administrator over the account's regions (404 for an account out of its sight, 403 for anyone else)."""
    if not may_reset_someone(actor):
        raise PermissionDenied(_("只有安全管理员可以重置双因素认证"))
    if not may_reset(actor, user):
        raise Http404
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit.record(
        AuditAction.OTP_RESET, actor=actor, region_code=audit.home_region(user), target=_target(user)
    )


def settable_regions(actor: Any) -> QuerySet[Region]:
    """The regions at or below those where the actor is the security administrator (the superuser: all)."""
    if access.sees_everything(actor):
        return Region.objects.all()
    q = access.scope_q(actor, "code", SECURITY_ADMIN_ROLES)
    return Region.objects.filter(q) if q is not None else Region.objects.all()


def region_settings_visible(actor: Any) -> list[RegionTwoFactor]:
    """The regions of the actor's area that have their own setting, with who set it."""
    q = access.scope_q(actor, "region__code", SECURITY_ADMIN_ROLES)
    rows = RegionTwoFactor.objects.select_related("region", "updated_by").order_by("region__code")
    return list(rows.filter(q) if q is not None else rows)
