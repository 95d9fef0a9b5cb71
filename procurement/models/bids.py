"""Bids of contractors on a project and the evaluators' scores."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.uploads import RandomName
from regions.models import RegionScopedQuerySet

from ..choices import (
    BidStatus,
)
from .base import MONEY, NON_NEGATIVE, POSITIVE
from .contractors import Contractor
from .projects import Project, ScoringCriterion


class Bid(models.Model):
    """A contractor's response to a project in one procurement round."""

    REGION_CODE_PATH = "project__purchaser__code"

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="bids"
    )
    round = models.PositiveSmallIntegerField(_("采购轮次"), default=1)
    contractor = models.ForeignKey(
        Contractor, verbose_name=_("承接主体"), on_delete=models.PROTECT, related_name="bids"
    )
    price = models.DecimalField(_("报价（元）"), **MONEY, validators=POSITIVE)
    submitted_on = models.DateField(_("响应日期"))
    document = models.FileField(_("响应文件"), upload_to=RandomName("procurement/bids"), blank=True)
    status = models.CharField(_("有效性"), max_length=10, choices=BidStatus.choices, default=BidStatus.VALID)
    invalid_reason = models.TextField(_("无效原因"), blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "round", "id"]
        verbose_name = _("响应文件")
        verbose_name_plural = _("响应文件")
        constraints = [
            models.UniqueConstraint(fields=["project", "round", "contractor"], name="bid_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.contractor} @ {self.project}"


class BidScore(models.Model):
    """One evaluator's score of one bid on one non-price criterion (0 … the criterion's weight)."""

    REGION_CODE_PATH = "bid__project__purchaser__code"

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.PROTECT, related_name="scores")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评审人"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=2, validators=NON_NEGATIVE)
    scored_at = models.DateTimeField(_("评分时间"), auto_now=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["bid", "criterion", "evaluator"]
        verbose_name = _("评审得分")
        verbose_name_plural = _("评审得分")
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion", "evaluator"], name="score_once_per_evaluator")
        ]

    def __str__(self) -> str:
        return f"{self.bid} {self.criterion}: {self.score}"
