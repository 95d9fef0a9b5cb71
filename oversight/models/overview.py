"""The overview: one snapshot per region and month (computed by a job), and the colour thresholds as data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Region, RegionScopedQuerySet

from ..choices import OverviewArea


class OverviewSnapshot(models.Model):
    """The figures of one region (province, city, county or township) for one month, all areas in one row.

    Written only by `services.overview_compute` (the nightly job or an admin's request), read by the pages and
    the API: a page view never scans the areas' tables (粤民发〔2018〕170号 三: regular review of capacity)."""

    region = models.ForeignKey(Region, verbose_name=_("区域"), on_delete=models.CASCADE, related_name="+")
    region_code = models.CharField(_("区划代码"), max_length=12)
    level = models.CharField(_("层级"), max_length=10)
    period = models.CharField(_("月份"), max_length=7)
    figures = models.JSONField(_("指标"), default=dict)
    computed_at = models.DateTimeField(_("计算时间"))

    REGION_CODE_PATH = "region_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["period", "region_code"]
        verbose_name = _("统筹督导快照")
        verbose_name_plural = _("统筹督导快照")
        constraints = [
            models.UniqueConstraint(fields=["period", "region_code"], name="overview_one_per_region_month")
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.period}"


class Threshold(models.Model):
    """When a figure of the overview turns amber or red (data, not code: a province may change them)."""

    area = models.CharField(_("领域"), max_length=20, choices=OverviewArea.choices)
    figure = models.CharField(_("指标"), max_length=40)
    label = models.CharField(_("说明"), max_length=100)
    amber = models.DecimalField(_("黄色阈值"), max_digits=12, decimal_places=4, null=True, blank=True)
    red = models.DecimalField(_("红色阈值"), max_digits=12, decimal_places=4, null=True, blank=True)
    higher_is_worse = models.BooleanField(_("数值越大越差"), default=True)

    class Meta:
        ordering = ["area", "figure"]
        verbose_name = _("督导指标阈值")
        verbose_name_plural = _("督导指标阈值")
        constraints = [models.UniqueConstraint(fields=["area", "figure"], name="threshold_one_per_figure")]

    def __str__(self) -> str:
        return f"{self.area}.{self.figure}"
