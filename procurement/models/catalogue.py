"""The guidance catalogue and the procurement figures (粤民发〔2018〕170号 一(二), domain.md section 9)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Region, RegionScopedQuerySet

from ..choices import (
    Assistance,
    WorkKind,
)
from ..rules import threshold_errors
from .base import MONEY, POSITIVE


class CatalogueItem(models.Model):
    """An item of the guidance catalogue (指导性目录, 粤民发〔2018〕170号 一(二)).

    Province-wide items have no region; a county may add local items (region = the county).
    `government_only` items must be done by the government itself and can never be purchased.
    """

    code = models.CharField(_("编码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    work_kind = models.CharField(_("类别"), max_length=20, choices=WorkKind.choices)
    assistance = models.CharField(_("救助类别"), max_length=20, choices=Assistance.choices)
    government_only = models.BooleanField(_("政府直接承担，不得购买"), default=False)
    region = models.ForeignKey(
        Region,
        verbose_name=_("地方目录区域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("说明"), blank=True)
    active = models.BooleanField(_("启用"), default=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("购买服务目录项")
        verbose_name_plural = _("购买服务目录")

    def __str__(self) -> str:
        return f"{self.name}（{self.get_assistance_display()}）"

    def get_additional_data(self) -> dict[str, str]:
        """Kept with the change-history entry, so a page shows a county the history of its own rows and of the
        province-wide ones (regions.audit_selectors.reference_history)."""
        return {"region_code": self.region.code if self.region is not None else ""}


class ThresholdSet(models.Model):
    """Procurement figures for a year (domain.md section 9), province-wide (no region) or for a region.

    The most specific region whose code prefixes the purchaser's, of the latest year not after the project's, binds.
    """

    year = models.PositiveSmallIntegerField(_("年度"))
    region = models.ForeignKey(
        Region, verbose_name=_("适用区域"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    procurement_limit = models.DecimalField(_("采购限额标准（元）"), **MONEY, validators=POSITIVE)
    open_tender_threshold = models.DecimalField(_("公开招标数额标准（元）"), **MONEY, validators=POSITIVE)
    price_weight_min = models.DecimalField(
        _("价格分值下限"), max_digits=5, decimal_places=2, default=Decimal(10)
    )
    price_weight_max = models.DecimalField(
        _("价格分值上限"), max_digits=5, decimal_places=2, default=Decimal(30)
    )
    single_source_addition_pct = models.DecimalField(
        _("单一来源添购上限（%）"), max_digits=5, decimal_places=2, default=Decimal(10)
    )

    class Meta:
        ordering = ["-year", "region__code"]
        verbose_name = _("采购限额与评分参数")
        verbose_name_plural = _("采购限额与评分参数")
        constraints = [
            models.UniqueConstraint(fields=["year", "region"], name="threshold_once_per_year_region")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.region or '全省'}"

    def clean(self) -> None:
        """The figures stay within the law (财政部令第87号 第五十五条, 政府采购法 第三十一条(三)); every form, the admin
        and the API validate through here."""
        errors = threshold_errors(
            procurement_limit=self.procurement_limit,
            open_tender_threshold=self.open_tender_threshold,
            price_weight_min=self.price_weight_min,
            price_weight_max=self.price_weight_max,
            single_source_addition_pct=self.single_source_addition_pct,
        )
        if errors:
            raise ValidationError(errors)
