"""Plans and sessions (粤民发〔2018〕170号 二(五) 列入年度计划): the training rule, annual plans per organiser,
planned trainings and sessions; they belong to their organiser's region (province, city or county)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import RegionScopedQuerySet

from ..choices import PlanStatus, SessionStatus, TrainingForm, TrainingType


class TrainingPlan(models.Model):
    """An organiser's annual training plan (列入年度计划): one per organiser region and year."""

    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("组织单位区域"),
        on_delete=models.PROTECT,
        related_name="training_plans",
    )
    year = models.PositiveSmallIntegerField(
        _("年度"), validators=[MinValueValidator(2018), MaxValueValidator(2100)]
    )
    title = models.CharField(_("计划名称"), max_length=200)
    notes = models.TextField(_("说明"), blank=True)
    #: draft → final; a final plan holds the three required types or records why not (二(五) 列入年度计划)
    status = models.CharField(_("状态"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    missing_types_reason = models.TextField(_("缺项原因"), blank=True)
    finalised_at = models.DateTimeField(_("定稿时间"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "region__code"]
        verbose_name = _("年度培训计划")
        verbose_name_plural = _("年度培训计划")
        constraints = [models.UniqueConstraint(fields=["region", "year"], name="training_plan_once_per_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.title}"


class PlannedTraining(models.Model):
    """One training in an annual plan: type, form, topics, target workers and budget."""

    REGION_CODE_PATH = "plan__region__code"

    plan = models.ForeignKey(
        TrainingPlan, verbose_name=_("年度计划"), on_delete=models.CASCADE, related_name="items"
    )
    title = models.CharField(_("培训名称"), max_length=200)
    training_type = models.CharField(_("培训类别"), max_length=20, choices=TrainingType.choices)
    form = models.CharField(_("培训形式"), max_length=20, choices=TrainingForm.choices)
    month = models.PositiveSmallIntegerField(
        _("计划月份"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(12)]
    )
    #: 党性和政治教育 (粤民发〔2018〕170号 二(五) 加强党性和政治教育): a topic of its own, recorded per planned training
    political_education = models.BooleanField(_("含党性和政治教育"), default=False)
    topics = models.TextField(_("培训内容"), blank=True)
    target_workers = models.CharField(_("培训对象"), max_length=200, blank=True)
    target_count = models.PositiveIntegerField(_("计划人数"), default=0)
    budget = models.DecimalField(
        _("预算（元）"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0.00"),
        validators=[MinValueValidator(0)],
    )

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "month", "id"]
        verbose_name = _("计划培训项目")
        verbose_name_plural = _("计划培训项目")

    def __str__(self) -> str:
        return self.title


class TrainingSession(models.Model):
    """A training held (or to be held) by an organiser: when, where, how, who teaches, how many hours."""

    plan = models.ForeignKey(
        TrainingPlan, verbose_name=_("年度计划"), on_delete=models.PROTECT, related_name="sessions"
    )
    planned = models.ForeignKey(
        PlannedTraining,
        verbose_name=_("计划培训项目"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sessions",
    )
    #: the organiser's region, always the plan's region (kept here so lists filter on one indexed join)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("组织单位区域"),
        on_delete=models.PROTECT,
        related_name="training_sessions",
    )
    title = models.CharField(_("培训班名称"), max_length=200)
    training_type = models.CharField(_("培训类别"), max_length=20, choices=TrainingType.choices)
    form = models.CharField(_("培训形式"), max_length=20, choices=TrainingForm.choices)
    starts_at = models.DateTimeField(_("开始时间"))
    ends_at = models.DateTimeField(_("结束时间"))
    hours = models.DecimalField(_("学时"), max_digits=5, decimal_places=1)
    place = models.CharField(_("地点"), max_length=200, blank=True)
    online = models.BooleanField(_("线上培训"), default=False)
    trainers = models.CharField(_("授课人"), max_length=300, blank=True)
    topics = models.TextField(_("培训内容"), blank=True)
    #: 党性和政治教育 (粤民发〔2018〕170号 二(五) 加强党性和政治教育): a topic of its own, recorded per session (and so per attendee)
    political_education = models.BooleanField(_("含党性和政治教育"), default=False)
    capacity = models.PositiveIntegerField(_("容量（人）"), default=0, help_text=_("0 表示不限"))
    pass_score = models.DecimalField(
        _("合格分数"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("有结业测试时填写；空表示无测试"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    status = models.CharField(
        _("状态"),
        max_length=20,
        choices=SessionStatus.choices,
        default=SessionStatus.SCHEDULED,
        db_index=True,
    )
    sign_in_code = models.CharField(_("签到码"), max_length=8, unique=True)
    held_at = models.DateTimeField(_("结业时间"), null=True, blank=True)
    cancel_reason = models.CharField(_("取消原因"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at", "-id"]
        verbose_name = _("培训班")
        verbose_name_plural = _("培训班")
        indexes = [models.Index(fields=["region", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.title}（{self.starts_at:%Y-%m-%d}）"

    @property
    def place_label(self) -> str:
        if self.online:
            return f"线上 {self.place}".strip()
        return self.place
