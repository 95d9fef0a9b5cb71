"""The joint meeting on basic living security (困难群众基本生活保障工作联席会议, 粤民发〔2018〕170号 三): meetings,
the issues they find, and the follow-up of each issue until it is closed."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Region, RegionScopedQuerySet

from ..choices import Department, IssueArea, IssueStatus


def _minutes_path(instance: Meeting, filename: str) -> str:
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"oversight/minutes/{uuid.uuid4().hex}.{ext}"


class Meeting(models.Model):
    region = models.ForeignKey(Region, verbose_name=_("召开区域"), on_delete=models.PROTECT, related_name="+")
    held_on = models.DateField(_("会议日期"))
    title = models.CharField(_("会议名称"), max_length=200)
    departments = models.JSONField(_("出席部门"), default=list)
    other_departments = models.CharField(_("其他出席部门"), max_length=200, blank=True)
    decisions = models.TextField(_("会议决定"), blank=True)
    minutes = models.FileField(_("会议纪要"), upload_to=_minutes_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("联席会议")
        verbose_name_plural = _("联席会议")

    def __str__(self) -> str:
        return f"{self.title}（{self.held_on}）"

    def department_labels(self) -> list[str]:
        labels = [str(Department(d).label) for d in self.departments if d in Department.values]
        return labels + ([self.other_departments] if self.other_departments else [])


class Issue(models.Model):
    """A problem found (at a meeting or from an overview row), owned by a department, followed up until closed."""

    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("联席会议"),
        on_delete=models.PROTECT,
        related_name="issues",
        null=True,
        blank=True,
    )
    region = models.ForeignKey(Region, verbose_name=_("涉及区域"), on_delete=models.PROTECT, related_name="+")
    area = models.CharField(_("领域"), max_length=20, choices=IssueArea.choices)
    description = models.TextField(_("问题描述"))
    owner_department = models.CharField(_("责任部门"), max_length=20, choices=Department.choices)
    deadline = models.DateField(_("整改期限"))
    status = models.CharField(_("状态"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.OPEN)
    period = models.CharField(_("依据月份"), max_length=7, blank=True)
    figures = models.JSONField(_("提出时的指标"), default=dict, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提出人"), on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(_("提出时间"), auto_now_add=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["status", "deadline", "id"]
        verbose_name = _("督导问题")
        verbose_name_plural = _("督导问题")
        indexes = [models.Index(fields=["status", "deadline"], name="issue_status_deadline")]

    def __str__(self) -> str:
        return f"{self.get_area_display()}：{self.description[:30]}"


class FollowUp(models.Model):
    issue = models.ForeignKey(
        Issue, verbose_name=_("问题"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    note = models.TextField(_("跟踪情况"))
    closes = models.BooleanField(_("办结"), default=False)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("记录人"), on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    REGION_CODE_PATH = "issue__region__code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("跟踪记录")
        verbose_name_plural = _("跟踪记录")

    def __str__(self) -> str:
        return self.note[:30]
