"""Purchase projects through the five stages (粤民发〔2018〕170号 一(四)): standards, scoring scheme, events."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Region, RegionScopedQuerySet

from ..choices import (
    FundingSource,
    Method,
    MethodCondition,
    ProjectStatus,
    StandardDimension,
)
from .base import MONEY, POSITIVE
from .catalogue import CatalogueItem


class Project(models.Model):
    """A purchase project (购买项目) through the five stages of 粤民发〔2018〕170号 一(四)."""

    REGION_CODE_PATH = "purchaser__code"

    purchaser = models.ForeignKey(
        Region, verbose_name=_("购买主体"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("项目名称"), max_length=200)
    items = models.ManyToManyField(CatalogueItem, verbose_name=_("购买内容"), related_name="projects")
    budget = models.DecimalField(_("预算金额（元）"), **MONEY, validators=POSITIVE)
    funding_source = models.CharField(_("资金来源"), max_length=20, choices=FundingSource.choices)
    in_central_catalogue = models.BooleanField(_("属于政府集中采购目录"), default=False)
    method = models.CharField(_("采购方式"), max_length=20, choices=Method.choices)
    method_condition = models.CharField(
        _("适用情形"), max_length=30, choices=MethodCondition.choices, blank=True
    )
    approval_reference = models.CharField(_("财政部门批准文号"), max_length=100, blank=True)
    original_contract = models.ForeignKey(
        "Contract",
        verbose_name=_("原合同（添购）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="additions",
    )
    public_call = models.BooleanField(_("公开征集供应商"), default=True)
    # 广东省政府采购云平台 (gdgpo): the project's number there and its notices, published beside ours (domain.md 12)
    platform_number = models.CharField(_("采购云平台项目编号"), max_length=100, blank=True)
    platform_notice_url = models.URLField(_("采购公告链接"), max_length=500, blank=True)
    platform_result_url = models.URLField(_("结果公告链接"), max_length=500, blank=True)
    description = models.TextField(_("项目说明"), blank=True)
    status = models.CharField(
        _("阶段"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.SELECTED, db_index=True
    )
    round = models.PositiveSmallIntegerField(_("采购轮次"), default=1)
    announced_on = models.DateField(_("公告日期"), null=True, blank=True)
    bid_deadline = models.DateField(_("响应截止日期"), null=True, blank=True)
    awarded_on = models.DateField(_("成交日期"), null=True, blank=True)
    awarded_bid = models.ForeignKey(
        "Bid", verbose_name=_("成交响应"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    failure_reason = models.TextField(_("失败/变更原因"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("购买项目")
        verbose_name_plural = _("购买项目")

    def __str__(self) -> str:
        return self.title


class ServiceStandard(models.Model):
    """A measurable service standard of a project (quantity, quality or timeliness, with a target)."""

    REGION_CODE_PATH = "project__purchaser__code"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="standards")
    dimension = models.CharField(_("维度"), max_length=20, choices=StandardDimension.choices)
    indicator = models.CharField(_("指标"), max_length=200)
    target = models.CharField(_("目标值"), max_length=100)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "id"]
        verbose_name = _("服务标准")
        verbose_name_plural = _("服务标准")

    def __str__(self) -> str:
        return f"{self.indicator}：{self.target}"


class ScoringCriterion(models.Model):
    """A criterion of the comprehensive scoring scheme (综合评分法); weights sum to 100, one is the price."""

    REGION_CODE_PATH = "project__purchaser__code"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("评分项"), max_length=100)
    weight = models.DecimalField(_("分值"), max_digits=5, decimal_places=2, validators=POSITIVE)
    is_price = models.BooleanField(_("价格分"), default=False)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "-is_price", "id"]
        verbose_name = _("评分项")
        verbose_name_plural = _("评分项")

    def __str__(self) -> str:
        return f"{self.name}（{self.weight}）"


class ProjectEvent(models.Model):
    """One step of a project: who, when, what, with a note."""

    REGION_CODE_PATH = "project__purchaser__code"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(_("原阶段"), max_length=20, choices=ProjectStatus.choices, blank=True)
    to_status = models.CharField(_("新阶段"), max_length=20, choices=ProjectStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    note = models.TextField(_("说明"), blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("项目事件")
        verbose_name_plural = _("项目事件")

    def __str__(self) -> str:
        return f"{self.project} {self.action}"
