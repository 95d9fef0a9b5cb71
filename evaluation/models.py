"""Three-party performance evaluation of purchased services (粤民发〔2018〕170号 一(六)).

A template says who scores what: three parties with weights, and per party indicators in the dimensions
service effectiveness, project management and social impact, each with a weight. The recipients' indicators are
the questions of the satisfaction survey.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.access import scope_q, visible_prefixes
from regions.models import RegionScopedQuerySet
from regions.rules import ancestor_codes

from .choices import (
    Dimension,
    EvaluationStatus,
    Grade,
    Party,
    RectificationStatus,
    ResponseChannel,
    SurveyStatus,
)
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
        if not visible_prefixes(user):
            return (
                self.none()
            )  # no business grant (a separated administrator): not even the province's default
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


class Evaluation(models.Model):
    """The performance evaluation of one contract by the three parties (粤民发〔2018〕170号 一(六)).

    Its region is the contract's purchaser (copied at creation: one indexed prefix filter for every list).
    """

    contract = models.ForeignKey(
        "procurement.Contract",
        verbose_name=_("服务合同"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("购买主体"), on_delete=models.PROTECT, related_name="+"
    )
    template = models.ForeignKey(
        EvaluationTemplate, verbose_name=_("评价模板"), on_delete=models.PROTECT, related_name="evaluations"
    )
    period = models.CharField(_("评价期"), max_length=50, help_text=_("如“2026年度”或“合同期满”"))
    due_date = models.DateField(_("应完成日期"), db_index=True)
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=EvaluationStatus.choices,
        default=EvaluationStatus.IN_PROGRESS,
        db_index=True,
    )
    evaluator_name = models.CharField(_("第三方评价机构"), max_length=200, blank=True)
    evaluator_credit_code = models.CharField(_("第三方统一社会信用代码"), max_length=18, blank=True)
    evaluator_declared_codes = models.JSONField(
        _("第三方声明的关联单位"),
        default=list,
        blank=True,
        help_text=_("第三方声明与之存在关联关系的单位统一社会信用代码"),
    )
    total = models.DecimalField(_("综合得分"), max_digits=5, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("等级"), max_length=10, choices=Grade.choices, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True, db_index=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    summary = models.TextField(_("评价结论"), blank=True)
    serious_findings = models.TextField(_("严重问题"), blank=True)
    sanction_id = models.PositiveBigIntegerField(_("已移送的处罚记录"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-due_date", "-id"]
        verbose_name = _("绩效评价")
        verbose_name_plural = _("绩效评价")
        constraints = [
            models.UniqueConstraint(fields=["contract", "period"], name="evaluation_once_per_period")
        ]
        indexes = [models.Index(fields=["status", "published_on"])]

    def __str__(self) -> str:
        return f"{self.contract.number} {self.period}"


class Score(models.Model):
    """One party's score on one indicator (0–100). The recipients' scores come from the survey's aggregation."""

    REGION_CODE_PATH = "evaluation__region__code"

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(TemplateIndicator, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("得分"), max_digits=5, decimal_places=2, validators=SCORE_VALIDATORS)
    from_survey = models.BooleanField(_("来自满意度调查"), default=False)
    comment = models.CharField(_("评分说明"), max_length=500, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("评分时间"), auto_now=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["evaluation", "indicator__party_id", "indicator__position", "indicator_id"]
        verbose_name = _("指标得分")
        verbose_name_plural = _("指标得分")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "indicator"], name="score_once_per_indicator")
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.value}"


class Survey(models.Model):
    """The satisfaction survey of a contract's recipients; its questions are the template's recipient indicators.

    Responses carry no identity of the recipient (anonymous in results); a minimum sample (copied from the template,
    changeable per survey) decides whether the satisfaction score counts.
    """

    REGION_CODE_PATH = "evaluation__region__code"

    evaluation = models.OneToOneField(Evaluation, on_delete=models.CASCADE, related_name="survey")
    status = models.CharField(
        _("状态"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.OPEN
    )
    population = models.PositiveIntegerField(_("服务对象人数"), null=True, blank=True)
    min_sample = models.PositiveIntegerField(_("最低样本量"), validators=[MinValueValidator(1)])
    response_count = models.PositiveIntegerField(_("有效问卷数"), default=0)
    aggregated_at = models.DateTimeField(_("汇总时间"), null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("满意度调查")
        verbose_name_plural = _("满意度调查")

    def __str__(self) -> str:
        return f"{self.evaluation} 满意度调查"


class SurveyInvitation(models.Model):
    """A one-time code for the public survey page (also usable as a link). It records only whether it was used —
    never which response it produced, so a response cannot be traced back to the person invited."""

    REGION_CODE_PATH = "survey__evaluation__region__code"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="invitations")
    code = models.CharField(_("问卷码"), max_length=12, unique=True)
    used = models.BooleanField(_("已使用"), default=False)
    created_at = models.DateTimeField(_("生成时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("问卷邀请码")
        verbose_name_plural = _("问卷邀请码")

    def __str__(self) -> str:
        return self.code


class SurveyResponse(models.Model):
    """One anonymous questionnaire: answers 1–5 keyed by indicator id, the channel and the date. No name, ID number,
    phone or invitation is stored with it."""

    REGION_CODE_PATH = "survey__evaluation__region__code"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    channel = models.CharField(_("渠道"), max_length=20, choices=ResponseChannel.choices)
    answers = models.JSONField(_("答案"))
    submitted_on = models.DateField(_("日期"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("满意度问卷")
        verbose_name_plural = _("满意度问卷")

    def __str__(self) -> str:
        return f"问卷 #{self.pk}"


class Rectification(models.Model):
    """The rectification a failed evaluation requires (粤民发〔2018〕170号 一(六), 一(七)), with its deadline."""

    REGION_CODE_PATH = "evaluation__region__code"

    evaluation = models.OneToOneField(Evaluation, on_delete=models.CASCADE, related_name="rectification")
    requirements = models.TextField(_("整改要求"))
    deadline = models.DateField(_("整改期限"))
    status = models.CharField(
        _("状态"), max_length=10, choices=RectificationStatus.choices, default=RectificationStatus.OPEN
    )
    completed_on = models.DateField(_("完成日期"), null=True, blank=True)
    outcome = models.TextField(_("整改结果"), blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "id"]
        verbose_name = _("整改记录")
        verbose_name_plural = _("整改记录")

    def __str__(self) -> str:
        return f"{self.evaluation} 整改"
