"""Sanctions and debarment of contractors (粤民发〔2018〕170号 一(七))."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.access import scope_q
from regions.choices import RegionLevel
from regions.models import Region, RegionScopedQuerySet

from ..choices import (
    SanctionKind,
)
from .base import MONEY, NON_NEGATIVE
from .contractors import Contractor
from .contracts import Contract


class SanctionQuerySet(RegionScopedQuerySet):
    """Sanctions a user sees: decided in their regions, or of a contractor registered in their regions (the
    registering region learns of a decision taken elsewhere, 粤民发〔2018〕170号 一(七))."""

    def visible_to(self, user) -> SanctionQuerySet:
        decided = scope_q(user, "region__code")
        if decided is None:
            return self
        return self.filter(decided | scope_q(user, "contractor__region__code"))  # type: ignore[operator]


class Sanction(models.Model):
    """A sanction of a contractor (粤民发〔2018〕170号 一(七)): penalty, termination, debarment from … to.

    A debarment applies in the whole province: bids of a debarred contractor are refused everywhere until it ends.
    """

    contractor = models.ForeignKey(
        Contractor, verbose_name=_("承接主体"), on_delete=models.PROTECT, related_name="sanctions"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("处理机关区域"), on_delete=models.PROTECT, related_name="+"
    )
    contract = models.ForeignKey(
        Contract,
        verbose_name=_("相关合同"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sanctions",
    )
    kind = models.CharField(_("违规类型"), max_length=30, choices=SanctionKind.choices)
    reason = models.TextField(_("事实与理由"))
    penalty = models.DecimalField(
        _("罚款/违约金（元）"), **MONEY, null=True, blank=True, validators=NON_NEGATIVE
    )
    terminates_contract = models.BooleanField(_("终止合同"), default=False)
    debar_from = models.DateField(_("禁入起始日期"), null=True, blank=True, db_index=True)
    debar_to = models.DateField(_("禁入截止日期"), null=True, blank=True, db_index=True)
    decided_on = models.DateField(_("决定日期"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SanctionQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("处罚与禁入")
        verbose_name_plural = _("处罚与禁入")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(debar_from__isnull=True, debar_to__isnull=True)
                | models.Q(
                    debar_from__isnull=False, debar_to__isnull=False, debar_to__gte=models.F("debar_from")
                ),
                name="sanction_debarment_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contractor} {self.get_kind_display()}"

    @property
    def deciding_authority(self) -> str:
        """The civil-affairs department that decided (county level or above)."""
        suffix = "民政厅" if self.region.level == RegionLevel.PROVINCE else "民政局"
        return f"{self.region.name}{suffix}"
