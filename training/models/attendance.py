"""Invitations, attendance and certificates: per worker (`staffing.Worker`), scoped by the worker's region."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import RegionScopedQuerySet

from ..choices import AttendanceMethod
from ..rules import format_certificate_code
from .plans import TrainingSession


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
        return format_certificate_code(self.code)
