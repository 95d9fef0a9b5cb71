"""Service windows of townships and villages (粤民发〔2018〕170号 二(一))."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Region, RegionScopedQuerySet


class ServiceWindow(models.Model):
    """A 一门受理、协同办理 window of a township (street) or village (community) (粤民发〔2018〕170号 二(一))."""

    region = models.ForeignKey(Region, verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("窗口名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=30, blank=True)
    # 二(一): 统一窗口标识、固定工作岗位、明确工作职责、建立服务规范、公示救助政策
    has_signage = models.BooleanField(_("统一窗口标识"), default=False)
    has_fixed_posts = models.BooleanField(_("固定工作岗位"), default=False)
    has_duties = models.BooleanField(_("明确工作职责"), default=False)
    has_service_rules = models.BooleanField(_("建立服务规范"), default=False)
    has_policies_displayed = models.BooleanField(_("公示救助政策"), default=False)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("在岗人员"), blank=True, related_name="service_windows"
    )
    duty_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("值班人员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("网上申请和预约的首问负责人"),
    )
    active = models.BooleanField(_("启用"), default=True)

    objects = RegionScopedQuerySet.as_manager()

    CHECKLIST = (
        "has_signage",
        "has_fixed_posts",
        "has_duties",
        "has_service_rules",
        "has_policies_displayed",
    )

    class Meta:
        ordering = ["region__code", "name"]
        verbose_name = _("服务窗口")
        verbose_name_plural = _("服务窗口")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="window_name_unique_in_region")
        ]

    def __str__(self) -> str:
        return self.name

    def checklist(self) -> list[tuple[str, bool]]:
        return [(str(self._meta.get_field(f).verbose_name), getattr(self, f)) for f in self.CHECKLIST]  # type: ignore[union-attr]  # plain fields, never relations

    @property
    def checklist_done(self) -> int:
        return sum(1 for f in self.CHECKLIST if getattr(self, f))

    def clean(self) -> None:
        if self.region_id and self.region.level not in ("township", "village"):
            raise ValidationError({"region": _("窗口设在乡镇（街道）或村（社区）")})
