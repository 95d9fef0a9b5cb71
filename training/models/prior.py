"""Training a worker had before the system (系统启用前培训): recorded once, with evidence, and counted as the
training of its type, so a county does not open all red for history it cannot type in again."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import RegionScopedQuerySet

from ..choices import TrainingType


class PriorTraining(models.Model):
    """A training completed before the system (date, type, evidence), counted like a completed attendance of that
    type: a pre-job entry dated on or before the worker's start date is pre-job training done (粤民发〔2018〕170号
    二(五))."""

    REGION_CODE_PATH = "worker__region__code"

    worker = models.ForeignKey(
        "staffing.Worker", verbose_name=_("人员"), on_delete=models.PROTECT, related_name="prior_trainings"
    )
    training_type = models.CharField(_("培训类别"), max_length=20, choices=TrainingType.choices)
    completed_on = models.DateField(_("培训日期"))
    title = models.CharField(_("培训名称"), max_length=200)
    organiser = models.CharField(_("组织单位"), max_length=200, blank=True)
    hours = models.DecimalField(
        _("学时"),
        max_digits=5,
        decimal_places=1,
        default=Decimal("0.0"),
        validators=[MinValueValidator(0), MaxValueValidator(500)],
    )
    political_education = models.BooleanField(_("含党性和政治教育"), default=False)
    evidence = models.CharField(
        _("证明材料"), max_length=300, help_text=_("如证书编号、培训通知文号、签到表存档位置")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-completed_on", "-id"]
        verbose_name = _("系统启用前培训")
        verbose_name_plural = _("系统启用前培训")
        constraints = [
            models.UniqueConstraint(
                fields=["worker", "training_type", "completed_on"], name="training_prior_once"
            )
        ]
        indexes = [models.Index(fields=["worker", "completed_on"])]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.training_type} {self.completed_on}"
