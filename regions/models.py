"""The spine: regions keyed by their statistical division code, which is also their path.

Descendants are the regions whose code starts with a region's code, so scoping is one indexed prefix filter.
"""

from __future__ import annotations

from typing import Any, Self, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from .access import scope_q
from .choices import RegionLevel, Role

_M = TypeVar("_M", bound=models.Model)


class RegionScopedQuerySet(models.QuerySet[_M, _M]):
    """A queryset that can be narrowed to what a user may see.

    A model declares where its region code lives with `REGION_CODE_PATH` (default "region__code").
    """

    def visible_to(self, user: Any) -> Self:
        path = getattr(self.model, "REGION_CODE_PATH", "region__code")
        q = scope_q(user, path)
        if q is None:
            return self
        return self.filter(q)


class Region(models.Model):
    REGION_CODE_PATH = "code"

    code = models.CharField(_("区划代码"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=10, choices=RegionLevel.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    synthetic = models.BooleanField(
        _("演示生成"), default=False, help_text=_("由 seed_demo 生成的演示村（社区），非官方区划")
    )

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        permissions = [
            *((f"role_{role.value}", f"{role.label}") for role in Role),
            ("reveal_personal_data", "查看完整个人信息"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    def is_within(self, other: Region) -> bool:
        return self.code.startswith(other.code)


class RegionUserObjectPermission(UserObjectPermissionBase):
    """A role granted to a user on a region (guardian, direct foreign key so a user's grants are one query)."""

    content_object = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="grants")

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("区域授权")
        verbose_name_plural = _("区域授权")

    def get_additional_data(self) -> dict[str, Any]:
        """Kept with the grant's change-history entry (django-auditlog), so an account's page finds its grants'
        history by user, and the entry still says what was granted after a revoke deleted the row."""
        role = self.permission.codename.removeprefix("role_")
        return {
            "user_id": self.user_id,
            "region": self.content_object.code,
            "role": role,
            "role_label": str(Role(role).label) if role in Role.values else role,
        }


class PersonalDataAccess(models.Model):
    """One full view of a person's protected data (ID number, phone): who saw whose, when, and why."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    model = models.CharField(_("对象类型"), max_length=100)
    object_pk = models.CharField(_("对象"), max_length=64)
    field = models.CharField(_("字段"), max_length=64)
    region_code = models.CharField(_("区划代码"), max_length=12, blank=True)
    reason = models.CharField(_("用途"), max_length=200, blank=True)
    at = models.DateTimeField(_("时间"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("个人信息查看记录")
        verbose_name_plural = _("个人信息查看记录")

    def __str__(self) -> str:
        return f"{self.user} {self.model}#{self.object_pk}.{self.field} @ {self.at:%Y-%m-%d %H:%M}"


class Notification(models.Model):
    """An in-app message to one user (overdue cases, evaluations due, imports finished …)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    url = models.CharField(_("链接"), max_length=300, blank=True)
    kind = models.CharField(
        _("类别"), max_length=50, blank=True, help_text=_("发送方的类别，如 case_overdue")
    )
    #: makes a notification idempotent: the same key is not sent twice to the same user
    key = models.CharField(_("去重键"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("已读时间"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("站内通知")
        verbose_name_plural = _("站内通知")
        indexes = [models.Index(fields=["user", "read_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"], condition=~models.Q(key=""), name="notification_once_per_key"
            )
        ]

    def __str__(self) -> str:
        return self.title


class ApiToken(models.Model):
    """A key for the REST API (issue 12 item 6): only its SHA-256 digest is stored, the key is shown once at
    creation; it expires (default API_TOKEN_DAYS = 90 days: valid through the 90th day after the day it was made,
    local time), and its owner or an administrator can revoke it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("用途"), max_length=100, blank=True)
    #: the key's first characters, to tell keys apart in lists (not secret, not enough to use it)
    prefix = models.CharField(_("前缀"), max_length=8, db_index=True)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("创建时间"))
    expires_at = models.DateTimeField(_("失效时间"))
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("接口令牌")
        verbose_name_plural = _("接口令牌")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user_id})"


# The security audit trail lives in its own module (append-only models); imported here so Django registers it.
from .audit_models import AuditArchive, AuditRecord  # noqa: E402

# Database backup runs (the system administrator's backup status), likewise in their own module.
from .backup_models import BackupRun  # noqa: E402

# The per-region two-factor setting (regions.twofactor), likewise.
from .twofactor_models import RegionTwoFactor  # noqa: E402

__all__ = [
    "ApiToken",
    "AuditArchive",
    "AuditRecord",
    "BackupRun",
    "Notification",
    "PersonalDataAccess",
    "Region",
    "RegionScopedQuerySet",
    "RegionTwoFactor",
    "RegionUserObjectPermission",
]
