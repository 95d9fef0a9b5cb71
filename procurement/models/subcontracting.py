"""Subcontracting findings (严禁服务转包, 粤民发〔2018〕170号 一(七)): raised by a check that saw someone other than the
contractor's own staff deliver the service, or by a financial report paying a third party for the service itself;
the purchaser is notified and the finding leads to the sanction that terminates the contract and starts the
takeover."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import RegionScopedQuerySet

from ..choices import FindingSource, FindingStatus
from .contracts import Contract
from .sanctions import Sanction
from .supervision import FinancialReport, MonitoringRecord, ThirdPartyPayment


class SubcontractingFinding(models.Model):
    REGION_CODE_PATH = "contract__project__purchaser__code"

    contract = models.ForeignKey(
        Contract, verbose_name=_("合同"), on_delete=models.PROTECT, related_name="subcontracting_findings"
    )
    source = models.CharField(_("发现途径"), max_length=20, choices=FindingSource.choices)
    monitoring = models.ForeignKey(
        MonitoringRecord, null=True, blank=True, on_delete=models.PROTECT, related_name="findings"
    )
    report = models.ForeignKey(
        FinancialReport, null=True, blank=True, on_delete=models.PROTECT, related_name="findings"
    )
    payment = models.OneToOneField(
        ThirdPartyPayment, null=True, blank=True, on_delete=models.PROTECT, related_name="finding"
    )
    third_party = models.CharField(_("实际提供服务或收款的第三方"), max_length=200)
    detail = models.TextField(_("发现的情况"))
    found_on = models.DateField(_("发现日期"))
    status = models.CharField(
        _("处理状态"), max_length=20, choices=FindingStatus.choices, default=FindingStatus.OPEN
    )
    sanction = models.ForeignKey(
        Sanction, null=True, blank=True, on_delete=models.PROTECT, related_name="subcontracting_findings"
    )
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-found_on", "-id"]
        verbose_name = _("服务转包线索")
        verbose_name_plural = _("服务转包线索")

    def __str__(self) -> str:
        return f"{self.contract} {self.third_party}"
