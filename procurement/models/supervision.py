"""Supervision during and at the end of a contract (事中事后监管): checks, outputs, financial reports, acceptance."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.uploads import RandomName
from regions.models import RegionScopedQuerySet

from ..choices import AcceptanceResult, DeliveredBy, PaymentPurpose
from .base import MONEY, NON_NEGATIVE
from .contracts import Contract, ContractStandard


class MonitoringRecord(models.Model):
    """Supervision during the contract (事中监管): output against the standards, problems, rectification."""

    REGION_CODE_PATH = "contract__project__purchaser__code"

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="monitoring")
    checked_on = models.DateField(_("检查日期"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("检查人"), on_delete=models.PROTECT, related_name="+"
    )
    problems = models.TextField(_("发现的问题"), blank=True)
    rectification_demanded = models.TextField(_("整改要求"), blank=True)
    rectification_due = models.DateField(_("整改期限"), null=True, blank=True)
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    rectification_note = models.TextField(_("整改情况"), blank=True)
    # 严禁服务转包 (一(七)): who delivered the service; blank only on checks recorded before this rule
    delivered_by = models.CharField(_("服务提供者"), max_length=20, choices=DeliveredBy.choices, blank=True)
    delivery_staff = models.TextField(_("提供服务的承接主体人员"), blank=True)
    third_party = models.CharField(_("实际提供服务的其他单位或人员"), max_length=200, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_on", "-id"]
        verbose_name = _("监管检查记录")
        verbose_name_plural = _("监管检查记录")

    def __str__(self) -> str:
        return f"{self.contract} {self.checked_on}"


class MonitoringOutput(models.Model):
    """Service output against one contract standard, as found by a check (or at acceptance)."""

    REGION_CODE_PATH = "standard__contract__project__purchaser__code"

    record = models.ForeignKey(
        MonitoringRecord, null=True, blank=True, on_delete=models.CASCADE, related_name="outputs"
    )
    acceptance = models.ForeignKey(
        "Acceptance", null=True, blank=True, on_delete=models.CASCADE, related_name="outputs"
    )
    standard = models.ForeignKey(ContractStandard, on_delete=models.PROTECT, related_name="outputs")
    actual = models.CharField(_("实际完成"), max_length=100)
    met = models.BooleanField(_("达标"))

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["standard", "id"]
        verbose_name = _("服务产出")
        verbose_name_plural = _("服务产出")

    def __str__(self) -> str:
        return f"{self.standard}: {self.actual}"


class FinancialReport(models.Model):
    """The contractor's periodic financial report (财务报告制度, 粤民发〔2018〕170号 一(七))."""

    REGION_CODE_PATH = "contract__project__purchaser__code"

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="financial_reports")
    period_start = models.DateField(_("报告期起"))
    period_end = models.DateField(_("报告期止"))
    received = models.DecimalField(_("收到资金（元）"), **MONEY, validators=NON_NEGATIVE)
    spent = models.DecimalField(_("支出（元）"), **MONEY, validators=NON_NEGATIVE)
    staff_costs = models.DecimalField(
        _("其中人员支出（元）"), **MONEY, validators=NON_NEGATIVE, default=Decimal(0)
    )
    document = models.FileField(_("报告文件"), upload_to=RandomName("procurement/finance"), blank=True)
    note = models.TextField(_("说明"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "period_start"]
        verbose_name = _("财务报告")
        verbose_name_plural = _("财务报告")

    def __str__(self) -> str:
        return f"{self.contract} {self.period_start}–{self.period_end}"


class ThirdPartyPayment(models.Model):
    """A payment to a third party listed in a financial report (严禁服务转包, 粤民发〔2018〕170号 一(七)): a payment
    for the service itself is subcontracting; goods, premises and other running costs are not."""

    REGION_CODE_PATH = "report__contract__project__purchaser__code"

    report = models.ForeignKey(FinancialReport, on_delete=models.CASCADE, related_name="third_party_payments")
    payee = models.CharField(_("收款单位或个人"), max_length=200)
    amount = models.DecimalField(_("金额（元）"), **MONEY, validators=NON_NEGATIVE)
    purpose = models.CharField(_("用途"), max_length=20, choices=PaymentPurpose.choices)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["report", "id"]
        verbose_name = _("第三方支付")
        verbose_name_plural = _("第三方支付")

    def __str__(self) -> str:
        return f"{self.payee} {self.amount}"


class Acceptance(models.Model):
    """The acceptance check at the end of the contract (检查验收, 粤民发〔2018〕170号 一(四))."""

    REGION_CODE_PATH = "contract__project__purchaser__code"

    contract = models.OneToOneField(Contract, on_delete=models.PROTECT, related_name="acceptance")
    checked_on = models.DateField(_("验收日期"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("验收人"), on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(_("验收结论"), max_length=10, choices=AcceptanceResult.choices)
    note = models.TextField(_("说明"), blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("验收")
        verbose_name_plural = _("验收")

    def __str__(self) -> str:
        return f"{self.contract} {self.get_result_display()}"
