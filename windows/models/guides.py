"""办事指南 per matter (who may apply, the documents, the legal basis, the links) with a county's local notes, and
the 一次性告知书 a window gives when documents are missing or a case is not accepted (粤民发〔2018〕170号 二(一))."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Region

from ..choices import CaseCategory, NoticeKind
from .cases import Case


class MatterGuide(models.Model):
    """The province's guide for one matter; its document list is the checklist of the 一次性告知书."""

    category = models.CharField(_("事项类别"), max_length=20, choices=CaseCategory.choices, unique=True)
    eligibility = models.TextField(_("申请条件"))
    documents = models.JSONField(_("申请材料"), default=list, help_text=_("每项一个字符串"))
    legal_basis = models.TextField(_("设定依据"))
    online_url = models.URLField(_("网上申请地址"), blank=True)
    appointment_url = models.URLField(_("网上预约地址"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("修改人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        ordering = ["category"]
        verbose_name = _("办事指南")
        verbose_name_plural = _("办事指南")

    def __str__(self) -> str:
        return str(self.get_category_display())


class GuideNote(models.Model):
    """A county's local note on a matter's guide (local standards, extra windows, local contacts)."""

    REGION_CODE_PATH = "region__code"

    region = models.ForeignKey(
        Region, verbose_name=_("县（市、区）"), on_delete=models.PROTECT, related_name="+"
    )
    category = models.CharField(_("事项类别"), max_length=20, choices=CaseCategory.choices)
    note = models.TextField(_("本地说明"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("修改人"), null=True, blank=True, on_delete=models.SET_NULL
    )
    updated_at = models.DateTimeField(_("修改时间"), auto_now=True)

    class Meta:
        ordering = ["region__code", "category"]
        verbose_name = _("办事指南本地说明")
        verbose_name_plural = _("办事指南本地说明")
        constraints = [
            models.UniqueConstraint(fields=["region", "category"], name="guide_note_once_per_county")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.category}"


class CaseNotice(models.Model):
    """一次性告知书: every missing document (from the matter's checklist, plus any other) and the reason, given
    once and completely; the case keeps what was listed, the first responder stays accountable."""

    case = models.ForeignKey(
        Case, verbose_name=_("求助事项"), on_delete=models.PROTECT, related_name="notices"
    )
    kind = models.CharField(_("告知类型"), max_length=20, choices=NoticeKind.choices)
    items = models.JSONField(_("需补充的材料"), default=list)
    reason = models.TextField(_("告知事由"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("告知人"), on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("告知时间"))

    class Meta:
        ordering = ["id"]
        verbose_name = _("一次性告知书")
        verbose_name_plural = _("一次性告知书")

    def __str__(self) -> str:
        return f"{self.case_id} {self.issued_at:%Y-%m-%d}"
