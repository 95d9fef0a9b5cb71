"""The per-region two-factor setting (issue 13: optional for non-administrators, a setting per region), set by a
security administrator for its area; its history is django-auditlog's, each change also a security audit record."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RegionTwoFactor(models.Model):
    """Whether accounts working in `region` and below must use a second factor (the nearest region's setting
    wins; no setting in the path: the installation default TWO_FACTOR_REQUIRED_REGIONS)."""

    region = models.OneToOneField(
        "regions.Region", verbose_name=_("区域"), on_delete=models.CASCADE, related_name="two_factor"
    )
    required = models.BooleanField(_("要求双因素认证"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("设置人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("设置时间"), auto_now=True)

    class Meta:
        ordering = ["region__code"]
        verbose_name = _("区域双因素认证要求")
        verbose_name_plural = _("区域双因素认证要求")

    def __str__(self) -> str:
        return f"{self.region}: {self.required}"

    def get_additional_data(self) -> dict[str, str]:
        """Kept with the change-history entry: the page shows a security administrator its area's history."""
        return {"region_code": self.region.code}
