"""Choices for supervision by upper levels (粤民发〔2018〕170号 一(七) 上级…业务指导和监督)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstructionKind(models.TextChoices):
    INSPECTION = "inspection", _("检查")
    INSTRUCTION = "instruction", _("督办")


class InstructionStatus(models.TextChoices):
    OPEN = "open", _("待整改")
    ANSWERED = "answered", _("已回复待审核")
    CLOSED = "closed", _("已办结")


class InstructionAction(models.TextChoices):
    ISSUE = "issue", _("下达")
    ANSWER = "answer", _("回复整改")
    RETURN = "return", _("退回重改")
    CLOSE = "close", _("办结")


#: what an instruction may be attached to: a county's project, contract, window or region ("app_label.model")
TARGET_KINDS = {
    "procurement.project": _("购买项目"),
    "procurement.contract": _("服务合同"),
    "windows.servicewindow": _("服务窗口"),
    "regions.region": _("区域"),
}
