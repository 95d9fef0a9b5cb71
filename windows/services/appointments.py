"""Appointments (网上预约, 粤民发〔2018〕170号 二(四)): windows publish slots with a capacity; a booking takes a place
with one conditional update, so concurrent bookings can never overbook a slot."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from core.workflow import apply_transition
from regions import access
from regions.audit import set_actor
from regions.choices import ACTING_ROLES, INTAKE_ROLES
from regions.models import Region
from regions.rules import normalise_id_number

from .. import rules
from ..choices import AppointmentStatus, CaseCategory, CaseChannel
from ..models import Appointment, AppointmentSlot, ServiceWindow
from .intake import Intake, case_receive, validate_applicant


def slot_create(
    *, actor, window: ServiceWindow, starts_at: dt.datetime, ends_at: dt.datetime, capacity: int
) -> AppointmentSlot:
    """Publish a bookable period at a window."""
    access.require_role(actor, window.region.code, ACTING_ROLES)
    errors = {}
    if ends_at <= starts_at:
        errors["ends_at"] = _("结束时间应晚于开始时间")
    if capacity is None or capacity < 1:
        errors["capacity"] = _("可约人数至少为1")
    if AppointmentSlot.objects.filter(window=window, starts_at=starts_at).exists():
        errors["starts_at"] = _("该窗口此时间已有预约时段")
    if errors:
        raise ValidationError(errors)
    slot = AppointmentSlot(window=window, starts_at=starts_at, ends_at=ends_at, capacity=capacity)
    with transaction.atomic(), set_actor(actor):
        slot.full_clean(validate_constraints=False)
        slot.save()
    return slot


def slots_publish(
    *, actor, window: ServiceWindow, day: dt.date, times: list[tuple[dt.time, dt.time]], capacity: int
) -> list[AppointmentSlot]:
    """Publish several slots of one day (e.g. the morning and afternoon of a window's hours); existing ones kept."""
    made = []
    tz = timezone.get_current_timezone()
    with transaction.atomic():
        for start, end in times:
            starts_at = dt.datetime.combine(day, start, tzinfo=tz)
            if AppointmentSlot.objects.filter(window=window, starts_at=starts_at).exists():
                continue
            made.append(
                slot_create(
                    actor=actor,
                    window=window,
                    starts_at=starts_at,
                    ends_at=dt.datetime.combine(day, end, tzinfo=tz),
                    capacity=capacity,
                )
            )
    return made


def appointment_book(
    *,
    actor,
    slot: AppointmentSlot,
    applicant_name: str,
    id_number: str,
    phone: str,
    category: str,
    note: str = "",
) -> Appointment:
    """Book one place in a slot (by staff or through the API). Conflict when the slot is full or already past."""
    access.require_role(actor, slot.window.region.code, INTAKE_ROLES)
    now = timezone.now()
    errors: dict[str, str] = {}
    validate_applicant(
        errors, applicant_name=applicant_name, id_number=id_number, phone=phone, today=timezone.localdate(now)
    )
    if category not in CaseCategory.values:
        errors["category"] = _("未知的事项类别")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), set_actor(actor):
        # one conditional UPDATE: the database serialises concurrent bookings on the slot row
        taken = AppointmentSlot.objects.filter(
            pk=slot.pk, booked__lt=F("capacity"), starts_at__gt=now
        ).update(booked=F("booked") + 1)
        if not taken:
            raise Conflict(
                _("该时段已约满或已过期，请选择其他时段"),
                code="slot_full",
            )
        appointment = Appointment.objects.create(
            slot=slot,
            region_code=slot.window.region.code,
            applicant_name=applicant_name.strip(),
            id_number=normalise_id_number(id_number),
            phone=rules.normalise_phone(phone),
            category=category,
            note=(note or "").strip(),
            booked_by=actor,
        )
    slot.refresh_from_db(fields=["booked"])
    return appointment


def _release(appointment: Appointment, new_status: str, actor, roles=ACTING_ROLES) -> Appointment:
    access.require_role(actor, appointment.region_code, roles)
    if appointment.status != AppointmentStatus.BOOKED:
        raise Conflict(
            _("预约状态为“{get_status_display}”，不能再操作").format(
                get_status_display=appointment.get_status_display()
            ),
            code="illegal_transition",
        )
    with transaction.atomic(), set_actor(actor):
        apply_transition(Appointment.objects, appointment, new_status)
        AppointmentSlot.objects.filter(pk=appointment.slot_id, booked__gt=0).update(booked=F("booked") - 1)
    return appointment


def appointment_cancel(*, actor, appointment: Appointment) -> Appointment:
    """Cancel a booking: the place becomes free again."""
    return _release(appointment, AppointmentStatus.CANCELLED, actor, INTAKE_ROLES)


def appointment_no_show(*, actor, appointment: Appointment) -> Appointment:
    """The applicant did not come (only once the slot has started)."""
    if appointment.slot.starts_at > timezone.now():
        raise Conflict(_("时段尚未开始，不能登记未到"), code="too_early")
    access.require_role(actor, appointment.region_code, ACTING_ROLES)
    if appointment.status != AppointmentStatus.BOOKED:
        raise Conflict(_("预约已处理"), code="illegal_transition")
    with transaction.atomic(), set_actor(actor):
        apply_transition(Appointment.objects, appointment, AppointmentStatus.NO_SHOW)
    return appointment


def appointment_convert(
    *, actor, appointment: Appointment, household_region: Region, description: str, accept_now: bool = True
) -> Intake:
    """The applicant came: turn the appointment into a case at its window; the receiving staff member is the first
    responder."""
    if appointment.status != AppointmentStatus.BOOKED:
        raise Conflict(_("预约已处理"), code="illegal_transition")
    with transaction.atomic():
        intake = case_receive(
            actor=actor,
            applicant_name=appointment.applicant_name,
            id_number=appointment.id_number,
            phone=appointment.phone,
            household_region=household_region,
            category=appointment.category,
            channel=CaseChannel.APPOINTMENT,
            description=description,
            window=appointment.slot.window,
            accept_now=accept_now,
        )
        with set_actor(actor):
            apply_transition(Appointment.objects, appointment, AppointmentStatus.CONVERTED, case=intake.case)
    return intake
