"""Choices of the oversight app: English identifiers, Chinese labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OverviewArea(models.TextChoices):
    STAFFING = "staffing", _("经办人员配备")
    WINDOWS = "windows", _("一门受理窗口")
    PROCUREMENT = "procurement", _("政府购买服务")
    TRAINING = "training", _("业务培训")
    FUNDING = "funding", _("工作经费")
