"""Compliance snapshots (organisers and workers, recomputed by Celery) and the annual worker assessment."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import RegionScopedQuerySet

from ..choices import AssessmentGrade, OrganiserStatus, PreJobStatus, RotationStatus


class OrganiserCompliance(models.Model):
    """Snapshot: did the organiser (province, city, county) hold its training in the year? Recomputed by Celery."""

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("组织单位区域"), on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    status = models.CharField(_("状态"), max_length=20, choices=OrganiserStatus.choices)
    sessions_held = models.PositiveIntegerField(_("已举办期数"), default=0)
    sessions_scheduled = models.PositiveIntegerField(_("已安排期数"), default=0)
    planned_trainings = models.PositiveIntegerField(_("计划项目数"), default=0)
    computed_at = models.DateTimeField(_("计算时间"), auto_now=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["year", "region__code"]
        verbose_name = _("组织单位培训达标")
        verbose_name_plural = _("组织单位培训达标")
        constraints = [
            models.UniqueConstraint(fields=["region", "year"], name="training_organiser_compliance_once")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year} {self.status}"


class WorkerCompliance(models.Model):
    """Snapshot per worker and year: pre-job training before the job and rotation in the calendar year (二(五)),
    with the year's political education (党性和政治教育) beside them."""

    REGION_CODE_PATH = "region_code"

    worker = models.ForeignKey(
        "staffing.Worker",
        verbose_name=_("人员"),
        on_delete=models.CASCADE,
        related_name="training_compliance",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    #: the worker's region when computed (roll-ups group by code prefix without a join)
    region_code = models.CharField(_("区划代码"), max_length=12)
    start_date = models.DateField(_("入职日期"))
    pre_job_status = models.CharField(_("岗前培训"), max_length=10, choices=PreJobStatus.choices)
    pre_job_completed_on = models.DateField(_("岗前培训完成日期"), null=True, blank=True)
    rotation_status = models.CharField(_("定期轮训"), max_length=15, choices=RotationStatus.choices)
    rotation_completed_on = models.DateField(_("轮训完成日期"), null=True, blank=True)
    sessions_in_year = models.PositiveIntegerField(_("本年参训期数"), default=0)
    hours_in_year = models.DecimalField(_("本年学时"), max_digits=7, decimal_places=1, default=Decimal("0.0"))
    political_in_year = models.PositiveIntegerField(_("本年党性和政治教育期数"), default=0)
    compliant = models.BooleanField(_("达标"), default=False)
    computed_at = models.DateTimeField(_("计算时间"))

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["region_code", "worker_id"]
        verbose_name = _("人员培训达标")
        verbose_name_plural = _("人员培训达标")
        constraints = [
            models.UniqueConstraint(fields=["worker", "year"], name="training_worker_compliance_once")
        ]
        indexes = [models.Index(fields=["year", "region_code"]), models.Index(fields=["year", "compliant"])]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.year}"


class Assessment(models.Model):
    """The annual assessment of a worker (动态管理: 优胜劣汰、激励先进、清退后进): the grade is the supervisor's,
    made with the year's attendance, hours, scores and compliance recorded beside it. "Unsuited" starts a
    reassignment through staffing (二(五) 对不适宜做基层社会救助工作的工作人员，要及时进行调整)."""

    REGION_CODE_PATH = "worker__region__code"

    worker = models.ForeignKey(
        "staffing.Worker",
        verbose_name=_("人员"),
        on_delete=models.PROTECT,
        related_name="training_assessments",
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    grade = models.CharField(_("考核等次"), max_length=15, choices=AssessmentGrade.choices)
    suggested_grade = models.CharField(_("参考等次"), max_length=15, choices=AssessmentGrade.choices)
    sessions_attended = models.PositiveIntegerField(_("参训期数"), default=0)
    hours = models.DecimalField(_("学时"), max_digits=7, decimal_places=1, default=Decimal("0.0"))
    average_score = models.DecimalField(_("平均成绩"), max_digits=5, decimal_places=1, null=True, blank=True)
    compliant = models.BooleanField(_("培训达标"), default=False)
    judgement = models.TextField(_("主管评价"))
    notes = models.TextField(_("备注"), blank=True)
    reassignment = models.CharField(_("调整情况"), max_length=300, blank=True)
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(_("考核时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "worker_id"]
        verbose_name = _("年度考核")
        verbose_name_plural = _("年度考核")
        constraints = [models.UniqueConstraint(fields=["worker", "year"], name="training_assessment_once")]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.year} {self.grade}"
