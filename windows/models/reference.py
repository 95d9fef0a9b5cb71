"""The rule tables counties edit as data: routing (一门受理、协同办理), time limits, holidays."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import CaseCategory, DeadlineStep


class RoutingRule(models.Model):
    """Which department handles a category (一门受理、协同办理: some go to other departments)."""

    category = models.CharField(_("事项类别"), max_length=20, choices=CaseCategory.choices, unique=True)
    department = models.CharField(_("承办部门"), max_length=100)
    collaborative = models.BooleanField(
        _("协同办理"), default=False, help_text=_("由民政以外的部门承办，窗口受理后转交")
    )

    class Meta:
        ordering = ["category"]
        verbose_name = _("分办规则")
        verbose_name_plural = _("分办规则")

    def __str__(self) -> str:
        return f"{self.get_category_display()} → {self.department}"


class DeadlineRule(models.Model):
    """A time limit in working days for one category and step (data, so a county can change it)."""

    category = models.CharField(_("事项类别"), max_length=20, choices=CaseCategory.choices)
    step = models.CharField(_("环节"), max_length=20, choices=DeadlineStep.choices)
    working_days = models.PositiveSmallIntegerField(_("时限（工作日）"))
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        ordering = ["category", "step"]
        verbose_name = _("办理时限")
        verbose_name_plural = _("办理时限")
        constraints = [models.UniqueConstraint(fields=["category", "step"], name="deadline_once_per_step")]

    def __str__(self) -> str:
        return f"{self.get_category_display()}·{self.get_step_display()}: {self.working_days}"


class Holiday(models.Model):
    """The holiday table: a date that is a holiday, or a weekend day that is a make-up working day (调休上班)."""

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("调休上班"), default=False)
    name = models.CharField(_("名称"), max_length=50)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日")

    def __str__(self) -> str:
        return f"{self.date} {self.name}{'（上班）' if self.is_working_day else ''}"
