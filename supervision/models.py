"""Supervision by upper levels (粤民发〔2018〕170号 一(七)): an inspection or instruction of a city or the province on
a county's project, contract, window or region, the county's answer, and the immutable history of each step."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import RegionScopedQuerySet

from .choices import InstructionAction, InstructionKind, InstructionStatus


class Instruction(models.Model):
    """One inspection finding or supervision instruction with its requirement and deadline.

    The target is generic (content type + object id) so this app points at procurement and windows without
    importing them; `region_code` is the target's region when recorded and scopes who sees it (the county sees its
    own, the city its counties')."""

    REGION_CODE_PATH = "region_code"

    kind = models.CharField(_("类别"), max_length=15, choices=InstructionKind.choices)
    content_type = models.ForeignKey(ContentType, verbose_name=_("对象类型"), on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(_("对象"))
    target = GenericForeignKey("content_type", "object_id")
    target_label = models.CharField(_("督导对象"), max_length=300)
    region_code = models.CharField(_("对象区划代码"), max_length=12, db_index=True)
    issuer_region_code = models.CharField(_("下达单位区划代码"), max_length=6)
    finding = models.TextField(_("发现问题"))
    requirement = models.TextField(_("整改要求"))
    deadline = models.DateField(_("整改期限"))
    status = models.CharField(
        _("状态"), max_length=10, choices=InstructionStatus.choices, default=InstructionStatus.OPEN
    )
    rectification = models.TextField(_("整改情况"), blank=True)
    evidence = models.TextField(_("整改佐证"), blank=True)
    answered_at = models.DateTimeField(_("回复时间"), null=True, blank=True)
    review_note = models.TextField(_("审核意见"), blank=True)
    returned_count = models.PositiveSmallIntegerField(_("退回次数"), default=0)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("下达时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("上级督导意见")
        verbose_name_plural = _("上级督导意见")
        indexes = [
            models.Index(fields=["content_type", "object_id"]),
            models.Index(fields=["status", "deadline"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.target_label}"


class InstructionEvent(models.Model):
    """One step of an instruction (issued, answered, returned, closed): who, when, what was said. Never changed."""

    REGION_CODE_PATH = "instruction__region_code"

    instruction = models.ForeignKey(Instruction, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=10, choices=InstructionAction.choices)
    note = models.TextField(_("内容"), blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("督导过程")
        verbose_name_plural = _("督导过程")

    def __str__(self) -> str:
        return f"{self.instruction_id} {self.action}"
