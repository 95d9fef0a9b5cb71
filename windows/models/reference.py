"""The rule tables counties edit as data: routing (一门受理、协同办理), time limits, holidays."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import CaseCategory, DeadlineStep
from ..rules import MAX_WORKING_DAYS


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
    """A time limit in working days for one category and step, with its source (data, so it can be changed).

    A row with an empty `region_code` is the province-wide default (edited by a province admin); a row with a
    county code is that county's own limit (edited by its county admins) and wins over the default there. A
    default that is set by law (`statutory`) may be shortened by a county, never lengthened (domain.md 12).
    """

    REGION_CODE_PATH = "region_code"

    category = models.CharField(_("事项类别"), max_length=20, choices=CaseCategory.choices)
    step = models.CharField(_("环节"), max_length=20, choices=DeadlineStep.choices)
    region_code = models.CharField(_("适用县（市、区）"), max_length=12, blank=True, default="")
    working_days = models.PositiveSmallIntegerField(
        _("时限（工作日）"), validators=[MinValueValidator(1), MaxValueValidator(MAX_WORKING_DAYS)]
    )
    source = models.CharField(_("依据"), max_length=200)
    statutory = models.BooleanField(_("法定时限"), default=False, help_text=_("依据为法规、规章明定的时限"))

    class Meta:
        ordering = ["category", "step", "region_code"]
        verbose_name = _("办理时限")
        verbose_name_plural = _("办理时限")
        constraints = [
            models.UniqueConstraint(fields=["category", "step", "region_code"], name="deadline_once_per_step")
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}·{self.get_step_display()}: {self.working_days}"

    def get_additional_data(self) -> dict[str, str]:
        """Kept with the change-history entry, so a page shows a county the history of its own rows and of the
        province-wide ones (regions.audit_selectors.reference_history)."""
        return {"region_code": self.region_code}


class Holiday(models.Model):
    """The holiday table: a date that is a holiday, or a weekend day that is a make-up working day (调休上班).

    A row with an empty `region_code` belongs to the State Council's national schedule (entered by a province
    admin); a row with a county code is a local day of that county only (e.g. a festival of an autonomous county,
    entered by its county admins), laid over the national schedule for cases handled there. A year counts as
    loaded when the national schedule has rows in it.
    """

    REGION_CODE_PATH = "region_code"

    date = models.DateField(_("日期"))
    region_code = models.CharField(_("适用县（市、区）"), max_length=12, blank=True, default="")
    is_working_day = models.BooleanField(_("调休上班"), default=False)
    name = models.CharField(_("名称"), max_length=50)

    class Meta:
        ordering = ["date", "region_code"]
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日")
        constraints = [models.UniqueConstraint(fields=["date", "region_code"], name="holiday_once_per_day")]

    def __str__(self) -> str:
        return f"{self.date} {self.name}{'（上班）' if self.is_working_day else ''}"

    def get_additional_data(self) -> dict[str, str]:
        """Kept with the change-history entry, so a page shows a county the history of its own rows and of the
        province-wide ones (regions.audit_selectors.reference_history)."""
        return {"region_code": self.region_code}
