"""Writes of the service windows: their checklist, hours and staff on duty (粤民发〔2018〕170号 二(一))."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import model_update
from regions import access
from regions.audit import set_actor
from regions.choices import ACTING_ROLES
from regions.models import Region

from ..models import Appointment, ServiceWindow

WINDOW_FIELDS = ("name", "address", "hours", "phone", *ServiceWindow.CHECKLIST, "active")


def window_save(
    *, actor, window: ServiceWindow | None = None, region: Region, staff=None, duty_officer=None, **values
) -> ServiceWindow:
    """Create or update a window (its checklist, hours, staff on duty). Needs an acting role on its region (and on
    its old region when it moves). A moved window takes its appointments along in the same transaction: they are
    scoped by the window's region code kept on each (issue 12 item 9)."""
    access.require_role(actor, region.code, ACTING_ROLES)
    if window is not None:
        access.require_role(actor, window.region.code, ACTING_ROLES)
    moved = window is not None and window.region_id != region.pk
    window = window or ServiceWindow()
    window.region = region
    model_update(window, values, allowed=WINDOW_FIELDS)
    window.duty_officer = duty_officer
    staff = list(staff or [])
    if duty_officer is not None and duty_officer not in staff:
        staff.append(duty_officer)
    outside = [u.get_username() for u in staff if not access.has_role(u, region.code, ACTING_ROLES)]
    if outside:
        raise ValidationError(
            {"staff": _("以下人员在该区域没有经办权限：{value}").format(value="、".join(outside))}
        )
    window.full_clean()
    with transaction.atomic(), set_actor(actor):
        window.save()
        window.staff.set(staff)
        if moved:
            Appointment.objects.filter(slot__window=window).update(region_code=region.code)
    return window
