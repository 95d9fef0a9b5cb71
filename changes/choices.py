"""Choices of the change feed: English identifiers, Chinese labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeAction(models.TextChoices):
    CREATED = "created", _("新增")
    UPDATED = "updated", _("修改")
    DELETED = "deleted", _("删除")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待送达")
    SUCCEEDED = "succeeded", _("已送达")
    FAILED = "failed", _("失败（已停止重试）")
