"""The security audit trail (安全审计记录): append-only and hash-chained (等保2.0 三级, GB/T 22239-2019 8.1.4.3
安全审计 and 8.1.3.5; 网络安全法 第二十一条: logs kept at least six months).

The model of record for security events: logins, lock-outs, password and two-factor changes, grants, accounts,
full views and exports of personal data, reference-table changes and the superuser's use of the admin site.
Business-record change history stays in django-auditlog (per-object history pages); a reference-table change is
copied here from its auditlog entry (regions.audit_signals), and a full view of personal data also keeps its
`PersonalDataAccess` row (the per-person index) whose id the audit record names.

No application path updates or deletes a record: save() of an existing row, delete(), queryset update/delete and
the bulk writes raise `AppendOnly`; only `regions.audit_retention` removes rows older than the retention, after
archiving them. On PostgreSQL a trigger refuses UPDATE and DELETE (migration 0005) outside that purge.
"""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import AuditAction

_M = TypeVar("_M", bound=models.Model)


class AppendOnly(Exception):
    """An attempt to change or delete an audit record."""


def _refuse(*args: Any, **kwargs: Any) -> NoReturn:
    raise AppendOnly(_("审计记录只能追加，不能修改或删除"))


class AppendOnlyQuerySet(models.QuerySet[_M, _M]):
    """Reads and nothing else: writes go through regions.audit.record (one row at a time, chained)."""

    update = _refuse
    delete = _refuse
    bulk_update = _refuse
    bulk_create = _refuse
    update_or_create = _refuse
    get_or_create = _refuse


class AppendOnlyModel(models.Model):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse()


class AuditRecord(AppendOnlyModel):
    """One security event: who, when, from which address, what, before/after (personal fields masked)."""

    seq = models.PositiveBigIntegerField(_("序号"), unique=True)
    at = models.DateTimeField(_("时间"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: the account name as it was (or as typed, for a failed login)
    username = models.CharField(_("账号"), max_length=150, blank=True, db_index=True)
    address = models.CharField(_("来源地址"), max_length=45, blank=True)
    action = models.CharField(_("事件"), max_length=40, choices=AuditAction.choices, db_index=True)
    region_code = models.CharField(_("区划代码"), max_length=12, blank=True, db_index=True)
    target = models.CharField(_("对象"), max_length=200, blank=True)
    summary = models.CharField(_("说明"), max_length=500, blank=True)
    #: {field: [before, after]}, personal fields masked
    changes = models.JSONField(_("变更前后"), default=dict, blank=True)
    prev_hash = models.CharField(_("前一条哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("安全审计记录")
        verbose_name_plural = _("安全审计记录")
        indexes = [models.Index(fields=["region_code", "at"]), models.Index(fields=["action", "at"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.at:%Y-%m-%d %H:%M:%S} {self.username} {self.action}"


class AuditArchive(AppendOnlyModel):
    """One archive of purged records (a gzip JSON-lines file) and the chain anchor it leaves behind: the first
    record still in the database must point at `last_hash` (regions.audit_chain.verify)."""

    created_at = models.DateTimeField(_("归档时间"))
    path = models.CharField(_("文件"), max_length=500)
    sha256 = models.CharField(_("文件摘要"), max_length=64)
    first_seq = models.PositiveBigIntegerField(_("起始序号"))
    last_seq = models.PositiveBigIntegerField(_("截止序号"), unique=True)
    count = models.PositiveIntegerField(_("条数"))
    first_prev_hash = models.CharField(_("起始前一条哈希"), max_length=64)
    last_hash = models.CharField(_("截止哈希"), max_length=64)
    before = models.DateTimeField(_("早于"))

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-last_seq"]
        verbose_name = _("审计记录归档")
        verbose_name_plural = _("审计记录归档")

    def __str__(self) -> str:
        return f"{self.first_seq}–{self.last_seq} ({self.count})"
