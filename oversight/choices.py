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


class Department(models.TextChoices):
    """The joint meeting's members (粤民发〔2018〕170号 三: civil affairs, 编办, finance, HR and social security)."""

    CIVIL_AFFAIRS = "civil_affairs", _("民政部门")
    ESTABLISHMENT = "establishment", _("机构编制部门")
    FINANCE = "finance", _("财政部门")
    HUMAN_RESOURCES = "human_resources", _("人力资源社会保障部门")
    OTHER = "other", _("其他部门")


class IssueArea(models.TextChoices):
    STAFFING = "staffing", _("经办人员配备")
    WINDOWS = "windows", _("一门受理窗口")
    PROCUREMENT = "procurement", _("政府购买服务")
    TRAINING = "training", _("业务培训")
    FUNDING = "funding", _("工作经费")
    OTHER = "other", _("其他")


class IssueStatus(models.TextChoices):
    OPEN = "open", _("跟踪中")
    CLOSED = "closed", _("已办结")


class IssueAction(models.TextChoices):
    CLOSE = "close", _("办结")
