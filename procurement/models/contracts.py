"""The contract with the awarded contractor, its standards, takeover plan and obligations (粤民发〔2018〕170号 一(七))."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Region, RegionScopedQuerySet

from ..choices import (
    ContractStatus,
    ObligationHolder,
    ObligationStatus,
    StandardDimension,
    TakeoverParty,
)
from .base import MONEY, POSITIVE
from .contractors import Contractor
from .projects import Project


class Contract(models.Model):
    """The contract with the awarded contractor (粤民发〔2018〕170号 一(四), 一(五), 一(七)).

    Amount ≤ the project budget; subcontracting is forbidden; service standards are copied from the project;
    it cannot start without a temporary takeover plan.
    """

    REGION_CODE_PATH = "project__purchaser__code"

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="contracts"
    )
    contractor = models.ForeignKey(
        Contractor, verbose_name=_("承接主体"), on_delete=models.PROTECT, related_name="contracts"
    )
    number = models.CharField(_("合同编号"), max_length=50, unique=True)
    amount = models.DecimalField(_("合同金额（元）"), **MONEY, validators=POSITIVE)
    signed_on = models.DateField(_("签订日期"))
    start_date = models.DateField(_("服务开始日期"))
    end_date = models.DateField(_("服务结束日期"))
    no_subcontracting = models.BooleanField(_("严禁服务转包条款"), default=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=ContractStatus.choices, default=ContractStatus.SIGNED, db_index=True
    )
    started_at = models.DateTimeField(_("开始履行时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("服务合同")
        verbose_name_plural = _("服务合同")

    def __str__(self) -> str:
        return f"{self.number} {self.project}"

    @property
    def region(self) -> Region:
        return self.project.purchaser


class ContractStandard(models.Model):
    """A service standard as copied into the contract when it was signed."""

    REGION_CODE_PATH = "contract__project__purchaser__code"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="standards")
    dimension = models.CharField(_("维度"), max_length=20, choices=StandardDimension.choices)
    indicator = models.CharField(_("指标"), max_length=200)
    target = models.CharField(_("目标值"), max_length=100)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "id"]
        verbose_name = _("合同服务标准")
        verbose_name_plural = _("合同服务标准")

    def __str__(self) -> str:
        return f"{self.indicator}：{self.target}"


class TakeoverPlan(models.Model):
    """The temporary takeover plan (临时接管预案, 粤民发〔2018〕170号 一(七)) every contract needs before it starts."""

    REGION_CODE_PATH = "contract__project__purchaser__code"

    contract = models.OneToOneField(Contract, on_delete=models.CASCADE, related_name="takeover_plan")
    party = models.CharField(_("接管方"), max_length=30, choices=TakeoverParty.choices)
    standby_contractor = models.ForeignKey(
        Contractor,
        verbose_name=_("备用承接主体"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    staff_description = models.TextField(_("接管人员安排"), blank=True)
    triggers = models.TextField(_("启动条件"))
    handover = models.TextField(_("服务对象交接方式"))
    activated_at = models.DateTimeField(_("启动时间"), null=True, blank=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("启动人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activation_reason = models.TextField(_("启动原因"), blank=True)
    obligations_open = models.PositiveIntegerField(_("启动时未完成的服务义务"), default=0)
    obligations_moved = models.PositiveIntegerField(_("已移交的服务义务"), default=0)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("临时接管预案")
        verbose_name_plural = _("临时接管预案")

    def __str__(self) -> str:
        return f"{self.contract} {self.get_party_display()}"


class ServiceObligation(models.Model):
    """A service the contract owes (a recipient group, a recurring task) and who currently holds it."""

    REGION_CODE_PATH = "contract__project__purchaser__code"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="obligations")
    description = models.CharField(_("服务事项"), max_length=200)
    recipients = models.PositiveIntegerField(_("服务对象人数"), default=0)
    status = models.CharField(
        _("状态"), max_length=10, choices=ObligationStatus.choices, default=ObligationStatus.OPEN
    )
    holder = models.CharField(
        _("承担方"), max_length=30, choices=ObligationHolder.choices, default=ObligationHolder.CONTRACTOR
    )
    holder_contractor = models.ForeignKey(
        Contractor,
        verbose_name=_("承担单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    transferred_at = models.DateTimeField(_("移交时间"), null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "id"]
        verbose_name = _("服务义务")
        verbose_name_plural = _("服务义务")

    def __str__(self) -> str:
        return self.description
