"""Database backups (GB/T 22239-2019 8.1.4.9 数据备份恢复; issue 13: the system administrator's backup status):
one row per run of the backup command, the nightly job or the system administrator's button."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BackupStatus(models.TextChoices):
    RUNNING = "running", _("进行中")
    SUCCESS = "success", _("成功")
    FAILED = "failed", _("失败")


class BackupRun(models.Model):
    """A backup of the database: when it ran, how it ended, the file it wrote (name, size, SHA-256) or the error.
    At most one runs at a time (a partial unique constraint: a second start is a conflict, 409)."""

    started_at = models.DateTimeField(_("开始时间"))
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=BackupStatus.choices, default=BackupStatus.RUNNING
    )
    vendor = models.CharField(_("数据库"), max_length=20)
    file_name = models.CharField(_("备份文件"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(_("文件大小（字节）"), null=True, blank=True)
    sha256 = models.CharField(_("文件摘要（SHA-256）"), max_length=64, blank=True)
    error = models.TextField(_("错误信息"), blank=True)
    #: who pressed the button (none: the nightly job or the command)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: when the file was removed by the retention (BACKUP_KEEP)
    removed_at = models.DateTimeField(_("文件清理时间"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("数据库备份")
        verbose_name_plural = _("数据库备份")
        constraints = [
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="running"), name="one_backup_running"
            )
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.status} {self.file_name}"
