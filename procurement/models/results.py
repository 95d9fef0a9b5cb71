"""The published performance-evaluation results of contractors, kept where contractors are chosen.

粤民发〔2018〕170号 一(六): evaluation results are "作为以后年度选择承接主体的重要参考依据". Evaluation pushes one row
per published evaluation through `services.contractor_result_record`; procurement reads them beside the bids
(selectors.track_record) without importing evaluation.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import RegionScopedQuerySet

from .contractors import Contractor
from .contracts import Contract


class ContractorResult(models.Model):
    """One published evaluation of a contract: period, grade, total score, when, and where the public page is."""

    REGION_CODE_PATH = "contract__project__purchaser__code"

    contractor = models.ForeignKey(
        Contractor, verbose_name=_("承接主体"), on_delete=models.PROTECT, related_name="results"
    )
    contract = models.ForeignKey(
        Contract, verbose_name=_("服务合同"), on_delete=models.PROTECT, related_name="results"
    )
    period = models.CharField(_("评价期"), max_length=50)
    grade = models.CharField(_("等级"), max_length=20)
    failed = models.BooleanField(_("不合格"), default=False)
    score = models.DecimalField(_("综合得分"), max_digits=5, decimal_places=2)
    published_on = models.DateField(_("公布日期"))
    evaluation_ref = models.PositiveBigIntegerField(_("绩效评价编号"), unique=True)
    url = models.CharField(_("公开结果地址"), max_length=200)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-evaluation_ref"]
        verbose_name = _("绩效评价结果")
        verbose_name_plural = _("绩效评价结果")
        indexes = [models.Index(fields=["contractor", "-published_on"], name="result_contractor_newest")]

    def __str__(self) -> str:
        return f"{self.contractor} {self.period} {self.grade}"
