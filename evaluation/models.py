"""Three-party performance evaluation of purchased services (粤民发〔2018〕170号 一(六)).

A template says who scores what: three parties with weights, and per party indicators in the dimensions
service effectiveness, project management and social impact, each with a weight. The recipients' indicators are
the questions of the satisfaction survey.
"""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.access import scope_q, visible_prefixes
from regions.models import RegionScopedQuerySet
from regions.rules import ancestor_codes

from .choices import Dimension, Party
from .rules import GradeThresholds

WEIGHT_VALIDATORS = [MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))]
SCORE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class TemplateQuerySet(RegionScopedQuerySet):
    def visible_to(self, user) -> TemplateQuerySet:
        """Templates of the user's regions and of the regions above them (a township uses its county's templates),
        plus the province-wide ones (no region) every signed-in user may use."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        q = scope_q(user, "region__code")
        if q is None:
            return self
        above = {code for prefix in visible_prefixes(user) for code in ancestor_codes(prefix)}
        return self.filter(q | Q(region__isnull=True) | Q(region__code__in=above))


class EvaluationTemplate(models.Model):
    """Who scores what, with which weights; grade thresholds and the survey's minimum sample live here too."""

    name = models.CharField(_("名称"), max_length=100)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("制定区域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("空表示全省通用的默认模板"),
    )
    service_category = models.CharField(
        _("适用服务类别"), max_length=100, blank=True, help_text=_("空表示适用于所有类别")
    )
    is_default = models.BooleanField(_("默认模板"), default=False)
    active = models.BooleanField(_("启用"), default=True)
    excellent_min = models.DecimalField(
        _("优秀分数线"), max_digits=5, decimal_places=2, default=Decimal("90")
    )
    good_min = models.DecimalField(_("良好分数线"), max_digits=5, decimal_places=2, default=Decimal("80"))
    pass_min = models.DecimalField(_("合格分数线"), max_digits=5, decimal_places=2, default=Decimal("60"))
    min_sample = models.PositiveIntegerField(
        _("满意度最低样本量"), default=30, help_text=_("有效问卷少于此数时满意度得分不计入")
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = TemplateQuerySet.as_manager()

    class Meta:
        ordering = ["-is_default", "name", "id"]
        verbose_name = _("评价模板")
        verbose_name_plural = _("评价模板")

    def __str__(self) -> str:
        return self.name

    @property
    def thresholds(self) -> GradeThresholds:
        return GradeThresholds(self.excellent_min, self.good_min, self.pass_min)


class TemplateParty(models.Model):
    template = models.ForeignKey(EvaluationTemplate, on_delete=models.CASCADE, related_name="parties")
    party = models.CharField(_("评价方"), max_length=20, choices=Party.choices)
    weight = models.DecimalField(_("权重"), max_digits=5, decimal_places=2, validators=WEIGHT_VALIDATORS)

    class Meta:
        ordering = ["template", "id"]
        verbose_name = _("评价方")
        verbose_name_plural = _("评价方")
        constraints = [models.UniqueConstraint(fields=["template", "party"], name="evaluation_party_once")]

    def __str__(self) -> str:
        return f"{self.get_party_display()} {self.weight}"


class TemplateIndicator(models.Model):
    """One indicator of a party; for the recipients it is a survey question answered 1–5."""

    party = models.ForeignKey(TemplateParty, on_delete=models.CASCADE, related_name="indicators")
    dimension = models.CharField(_("维度"), max_length=20, choices=Dimension.choices)
    name = models.CharField(_("指标（问题）"), max_length=200)
    weight = models.DecimalField(_("权重"), max_digits=5, decimal_places=2, validators=WEIGHT_VALIDATORS)
    position = models.PositiveSmallIntegerField(_("顺序"), default=0)

    class Meta:
        ordering = ["party_id", "position", "id"]
        verbose_name = _("评价指标")
        verbose_name_plural = _("评价指标")

    def __str__(self) -> str:
        return self.name
