"""Appointments (网上预约, 粤民发〔2018〕170号 二(四)): bookable slots of a window and the bookings of one place."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.models import RegionScopedQuerySet
from regions.personal import EncryptedCharField
from regions.rules import mask_id_number, mask_phone, normalise_id_number

from ..choices import AppointmentStatus, CaseCategory
from .cases import Case
from .windows import ServiceWindow


class AppointmentSlot(models.Model):
    """A bookable period at a window with a capacity (网上预约, 粤民发〔2018〕170号 二(四))."""

    REGION_CODE_PATH = "window__region__code"

    window = models.ForeignKey(
        ServiceWindow, verbose_name=_("窗口"), on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField(_("开始"))
    ends_at = models.DateTimeField(_("结束"))
    capacity = models.PositiveSmallIntegerField(_("可约人数"))
    booked = models.PositiveSmallIntegerField(_("已约人数"), default=0)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("预约时段")
        verbose_name_plural = _("预约时段")
        constraints = [
            models.UniqueConstraint(fields=["window", "starts_at"], name="slot_once_per_start"),
            models.CheckConstraint(condition=Q(booked__lte=models.F("capacity")), name="slot_not_overbooked"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.window} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def available(self) -> int:
        return max(self.capacity - self.booked, 0)


class Appointment(models.Model):
    """A booking of one place in a slot; cancelled, no-show, or turned into a case."""

    REGION_CODE_PATH = "region_code"

    slot = models.ForeignKey(
        AppointmentSlot, verbose_name=_("时段"), on_delete=models.PROTECT, related_name="appointments"
    )
    region_code = models.CharField(_("窗口区划代码"), max_length=12, db_index=True)
    applicant_name = models.CharField(_("申请人姓名"), max_length=50)
    id_number = EncryptedCharField(
        _("公民身份号码"), hash_field="id_number_hash", normalise=normalise_id_number
    )
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True)
    phone = EncryptedCharField(_("联系电话"), blank=True)
    category = models.CharField(_("事项类别"), max_length=20, choices=CaseCategory.choices)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    case = models.OneToOneField(
        Case,
        verbose_name=_("求助事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointment",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("预约登记人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("预约时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("预约")
        verbose_name_plural = _("预约")

    def __str__(self) -> str:
        return f"{self.slot} {self.get_status_display()}"

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)
