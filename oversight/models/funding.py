"""Funding that follows the tasks (粤民发〔2018〕170号 一(五), 二(三) 费随事转): per county and year the work fund and
its source, the purchased-services budget, and the funds passed to townships and villages with their tasks; the
implementation plan's reference values as data."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Region, RegionScopedQuerySet

MONEY: dict[str, Any] = {
    "max_digits": 14,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal("0"))],
}


class FundingReference(models.Model):
    """A reference value of the implementation plan (data, not a rule): shown beside the figures, used to flag."""

    key = models.CharField(_("标识"), max_length=40, unique=True)
    label = models.CharField(_("名称"), max_length=200)
    value = models.DecimalField(_("参考值"), max_digits=14, decimal_places=4)
    unit = models.CharField(_("单位"), max_length=20)
    #: comma-separated city codes where the value applies; blank: everywhere else
    region_prefixes = models.CharField(_("适用地市代码"), max_length=200, blank=True)
    source = models.CharField(_("依据"), max_length=200)

    class Meta:
        ordering = ["key"]
        verbose_name = _("经费参考值")
        verbose_name_plural = _("经费参考值")

    def __str__(self) -> str:
        return self.label


class CountyFunding(models.Model):
    region = models.ForeignKey(
        Region, verbose_name=_("县（市、区）"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    work_fund = models.DecimalField(_("社会救助工作经费（元）"), **MONEY)
    work_fund_source = models.CharField(_("工作经费来源"), max_length=200)
    purchased_services_budget = models.DecimalField(_("购买服务预算（元）"), **MONEY)
    dibao_spending_previous_year = models.DecimalField(_("上年度低保资金支出（元）"), **MONEY)
    dispatched_staff = models.PositiveIntegerField(_("派遣（购买服务）经办人员人数"), default=0)
    dispatched_pay_total = models.DecimalField(_("派遣人员年度薪酬总额（元）"), **MONEY, default=Decimal("0"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("填报人"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "region__code"]
        verbose_name = _("县级工作经费")
        verbose_name_plural = _("县级工作经费")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="funding_one_per_county_year")]

    def __str__(self) -> str:
        return f"{self.region} {self.year}"


class FundTransfer(models.Model):
    """Funds passed down with the tasks a township or village took on (费随事转)."""

    funding = models.ForeignKey(
        CountyFunding, verbose_name=_("县级经费"), on_delete=models.CASCADE, related_name="transfers"
    )
    recipient = models.ForeignKey(
        Region, verbose_name=_("接收单位"), on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(_("金额（元）"), **MONEY)
    tasks = models.TextField(_("随资金下放的事项"))

    REGION_CODE_PATH = "funding__region__code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["recipient__code", "id"]
        verbose_name = _("下拨经费")
        verbose_name_plural = _("下拨经费")

    def __str__(self) -> str:
        return f"{self.recipient} {self.amount}"
