"""好差评 after a case (国办发〔2019〕51号《关于建立政务服务“好差评”制度提高政务服务水平的意见》): one rating per
case, attributed to the window and the first responder, and the follow-up of a bad one (call-back, rectification,
appeal, the outcome told to the applicant) with time limits kept as data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import RegionScopedQuerySet

from ..choices import FeedbackMethod, FollowUpStatus, FollowUpStep, RatingChannel, RatingGrade
from .cases import Case
from .windows import ServiceWindow


class FollowUpLimit(models.Model):
    """Working days for a step of a bad rating's follow-up (data with its source, so the province may change it)."""

    step = models.CharField(_("环节"), max_length=20, choices=FollowUpStep.choices, unique=True)
    working_days = models.PositiveSmallIntegerField(_("时限（工作日）"))
    source = models.CharField(_("依据"), max_length=200)

    class Meta:
        ordering = ["step"]
        verbose_name = _("差评处理时限")
        verbose_name_plural = _("差评处理时限")

    def __str__(self) -> str:
        return f"{self.get_step_display()}: {self.working_days}"


class CaseRating(models.Model):
    """The applicant's rating of one case (one per case: a unique constraint), at the window or online."""

    REGION_CODE_PATH = "region_code"

    case = models.OneToOneField(
        Case, verbose_name=_("求助事项"), on_delete=models.PROTECT, related_name="rating"
    )
    grade = models.PositiveSmallIntegerField(_("评价"), choices=RatingGrade.choices)
    comment = models.CharField(_("评价意见"), max_length=500, blank=True)
    channel = models.CharField(_("评价渠道"), max_length=20, choices=RatingChannel.choices)
    window = models.ForeignKey(
        ServiceWindow, verbose_name=_("受理窗口"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    first_responder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("首问负责人"), on_delete=models.PROTECT, related_name="+"
    )
    #: the accepting window's region (the rating belongs to the window that served the applicant)
    region_code = models.CharField(_("窗口区划代码"), max_length=12, db_index=True)
    rated_at = models.DateTimeField(_("评价时间"))

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("服务评价")
        verbose_name_plural = _("服务评价")
        constraints = [
            models.CheckConstraint(condition=models.Q(grade__gte=1, grade__lte=5), name="rating_grade_1_to_5")
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_grade_display()}"


class RatingFollowUp(models.Model):
    """What happens to a bad rating: call-back to verify, rectification when verified, the reviewed staff member's
    appeal decided by the county admin, and the outcome told to the applicant."""

    REGION_CODE_PATH = "rating__region_code"

    rating = models.OneToOneField(
        CaseRating, verbose_name=_("服务评价"), on_delete=models.PROTECT, related_name="follow_up"
    )
    status = models.CharField(
        _("状态"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.CALLBACK
    )
    version = models.PositiveIntegerField(default=0)
    callback_due = models.DateField(_("回访期限"))
    callback_done_on = models.DateField(_("回访日期"), null=True, blank=True)
    callback_note = models.TextField(_("回访核实情况"), blank=True)
    verified = models.BooleanField(_("情况属实"), null=True)
    rectification_due = models.DateField(_("整改期限"), null=True, blank=True)
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    rectification_note = models.TextField(_("整改情况"), blank=True)
    appeal_reason = models.TextField(_("申诉理由"), blank=True)
    appeal_decision = models.TextField(_("申诉复核意见"), blank=True)
    appeal_upheld = models.BooleanField(_("申诉成立"), null=True)
    outcome = models.TextField(_("告知申请人的结果"), blank=True)
    outcome_method = models.CharField(
        _("告知方式"), max_length=20, choices=FeedbackMethod.choices, blank=True
    )
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("差评回访整改")
        verbose_name_plural = _("差评回访整改")
        indexes = [models.Index(fields=["status", "callback_due"], name="followup_status_due")]

    def __str__(self) -> str:
        return f"{self.rating_id} {self.get_status_display()}"
