"""The text messages sent to an applicant who asked for them, one per public step of a case (申请 → 受理 → 审核/分办
→ 办结): what was sent, through which gateway id, or why not."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import MessageStatus
from .cases import Case


class CaseMessage(models.Model):
    REGION_CODE_PATH = "case__region_code"

    case = models.ForeignKey(
        Case, verbose_name=_("求助事项"), on_delete=models.CASCADE, related_name="messages"
    )
    step = models.CharField(_("办理环节"), max_length=20)
    content = models.TextField(_("短信内容"))
    status = models.CharField(_("发送状态"), max_length=20, choices=MessageStatus.choices)
    gateway_id = models.CharField(_("短信平台流水号"), max_length=100, blank=True)
    error = models.CharField(_("失败原因"), max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(_("发送次数"), default=1)
    next_try_at = models.DateTimeField(_("下次重发时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("发送时间"), auto_now_add=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("短信通知")
        verbose_name_plural = _("短信通知")
        constraints = [models.UniqueConstraint(fields=["case", "step"], name="case_message_once_per_step")]
        indexes = [models.Index(fields=["status", "next_try_at"], name="case_message_retry")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.step} {self.status}"
