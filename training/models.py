"""Training (粤民发〔2018〕170号 二(五)): annual plans per organiser level, sessions, attendance, certificates,
compliance snapshots and worker assessment.

Plans and sessions belong to their organiser's region (province, city or county). Attendance, certificates,
compliance and assessment are per worker (`staffing.Worker`) and are scoped by the worker's region.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import RegionScopedQuerySet

from .choices import (
    AssessmentGrade,
    AttendanceMethod,
    OrganiserStatus,
    PreJobStatus,
    RotationStatus,
    SessionStatus,
    TrainingForm,
    TrainingType,
)
from .rules import DEFAULT_PRE_JOB_GRACE_DAYS


class TrainingRule(models.Model):
    """The training numbers that live in data: the pre-job grace period, from a date, with its source."""

    effective_from = models.DateField(_("生效日期"), unique=True)
    pre_job_grace_days = models.PositiveSmallIntegerField(
        _("岗前培训宽限天数"),
        default=DEFAULT_PRE_JOB_GRACE_DAYS,
        help_text=_("上岗后多少天内须完成岗前培训"),
        validators=[MaxValueValidator(366)],
    )
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("培训规则")
        verbose_name_plural = _("培训规则")

    def __str__(self) -> str:
        return f"{self.effective_from}: {self.pre_job_grace_days} 天"


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


class Invitation(models.Model):
    """A worker invited to a session (the organiser's call to attend)."""

    REGION_CODE_PATH = "worker__region__code"

    session = models.ForeignKey(
        TrainingSession, verbose_name=_("培训班"), on_delete=models.CASCADE, related_name="invitations"
    )
    worker = models.ForeignKey(
        "staffing.Worker",
        verbose_name=_("人员"),
        on_delete=models.CASCADE,
        related_name="training_invitations",
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    invited_at = models.DateTimeField(_("邀请时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["session", "worker__region__code", "worker__name"]
        verbose_name = _("参训邀请")
        verbose_name_plural = _("参训邀请")
        constraints = [models.UniqueConstraint(fields=["session", "worker"], name="training_invite_once")]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.worker_id}"


class Attendance(models.Model):
    """A worker's attendance at a session: how they signed in, hours credited, test score, completion.

    Scoped by the worker's region, so a township sees its workers' training even at county-run sessions.
    """

    REGION_CODE_PATH = "worker__region__code"

    session = models.ForeignKey(
        TrainingSession, verbose_name=_("培训班"), on_delete=models.PROTECT, related_name="attendances"
    )
    worker = models.ForeignKey(
        "staffing.Worker",
        verbose_name=_("人员"),
        on_delete=models.PROTECT,
        related_name="training_attendances",
    )
    method = models.CharField(_("签到方式"), max_length=10, choices=AttendanceMethod.choices)
    signed_in_at = models.DateTimeField(_("签到时间"))
    hours = models.DecimalField(_("认定学时"), max_digits=5, decimal_places=1)
    score = models.DecimalField(
        _("测试成绩"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    completed = models.BooleanField(_("结业"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["session", "signed_in_at", "id"]
        verbose_name = _("出勤记录")
        verbose_name_plural = _("出勤记录")
        constraints = [models.UniqueConstraint(fields=["session", "worker"], name="training_sign_in_once")]
        indexes = [models.Index(fields=["worker", "completed"])]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.worker_id}"


class Certificate(models.Model):
    """A completion certificate (结业证书) with a verification code that a public page checks."""

    REGION_CODE_PATH = "attendance__worker__region__code"

    attendance = models.OneToOneField(
        Attendance, verbose_name=_("出勤记录"), on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("验证码"), max_length=16, unique=True)
    issued_at = models.DateTimeField(_("发证时间"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("结业证书")
        verbose_name_plural = _("结业证书")

    def __str__(self) -> str:
        return self.code

    @property
    def display_code(self) -> str:
        from .rules import format_certificate_code

        return format_certificate_code(self.code)


class WorkerCompliance(models.Model):
    """Snapshot per worker and year: pre-job training within grace and rotation in the calendar year (二(五))."""

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
    pre_job_deadline = models.DateField(_("岗前培训期限"))
    pre_job_completed_on = models.DateField(_("岗前培训完成日期"), null=True, blank=True)
    rotation_status = models.CharField(_("定期轮训"), max_length=15, choices=RotationStatus.choices)
    rotation_completed_on = models.DateField(_("轮训完成日期"), null=True, blank=True)
    sessions_in_year = models.PositiveIntegerField(_("本年参训期数"), default=0)
    hours_in_year = models.DecimalField(_("本年学时"), max_digits=7, decimal_places=1, default=Decimal("0.0"))
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
