"""The appointment calendar of a window (网上预约, 粤民发〔2018〕170号 二(四)): publish slots, book places, and
handle the day's appointments."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.web import form_errors, run_service
from regions import access
from regions.choices import ACTING_ROLES

from .. import services
from ..choices import AppointmentStatus
from ..forms import BookForm, ConvertForm, SlotPublishForm
from ..models import Appointment, AppointmentSlot
from .windows import visible_windows


@login_required
def calendar(request, pk):
    """One window's week of slots: publish slots, book places, and handle the day's appointments."""
    window = get_object_or_404(visible_windows(request.user), pk=pk)
    try:
        start = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        start = timezone.localdate()
    return _render_calendar(request, window, start, request.GET.get("slot"))


def _render_calendar(request, window, start: dt.date, selected, *, bound=None, status: int = 200):
    """The week of `start`; `bound` = {"book_form": form} or {"publish_form": form} re-shows a form as it was posted,
    every typed value kept, its errors at the fields (issue 14)."""
    start -= dt.timedelta(days=start.weekday())
    days = [start + dt.timedelta(days=i) for i in range(7)]
    slots = list(
        AppointmentSlot.objects.filter(
            window=window, starts_at__date__gte=days[0], starts_at__date__lte=days[-1]
        )
        .annotate(active=Count("appointments", filter=Q(appointments__status=AppointmentStatus.BOOKED)))
        .order_by("starts_at")
    )
    by_day = [(d, [s for s in slots if timezone.localtime(s.starts_at).date() == d]) for d in days]
    slot = next((s for s in slots if str(s.pk) == str(selected)), None)
    booked = list(slot.appointments.select_related("case").order_by("id")) if slot else []
    context = {
        "window": window,
        "by_day": by_day,
        "prev": days[0] - dt.timedelta(days=7),
        "next": days[0] + dt.timedelta(days=7),
        "slot": slot,
        "appointments": booked,
        "publish_form": SlotPublishForm(initial={"day": max(days[0], timezone.localdate())}),
        "book_form": BookForm(),
        "convert_form": ConvertForm(initial={"household_region": window.region.code}),
        "can_edit": access.has_role(request.user, window.region.code, ACTING_ROLES),
        "now": timezone.now(),
    }
    context.update(bound or {})
    return render(request, "windows/calendar.html", context, status=status)


@login_required
@require_POST
def slot_publish(request, pk):
    window = get_object_or_404(visible_windows(request.user), pk=pk)
    form = SlotPublishForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        ok, _done = run_service(
            request,
            lambda: services.slots_publish(
                actor=request.user,
                window=window,
                day=d["day"],
                times=[(d["start"], d["end"])],
                capacity=d["capacity"],
            ),
            success=_("时段已发布"),
            form=form,
        )
        if ok:
            return redirect(f"{_calendar_url(window)}?week={d['day']:%Y-%m-%d}")
    day = form.cleaned_data.get("day") or timezone.localdate()
    return _render_calendar(request, window, day, None, bound={"publish_form": form}, status=400)


@login_required
@require_POST
def slot_book(request, pk):
    slot = get_object_or_404(
        AppointmentSlot.objects.visible_to(request.user).select_related("window__region"), pk=pk
    )
    form = BookForm(request.POST)
    if form.is_valid():
        ok, _done = run_service(
            request,
            lambda: services.appointment_book(actor=request.user, slot=slot, **form.cleaned_data),
            success=_("预约成功"),
            form=form,
        )
        if ok:
            return redirect(_slot_url(slot))
    day = timezone.localtime(slot.starts_at).date()
    return _render_calendar(request, slot.window, day, slot.pk, bound={"book_form": form}, status=400)


@login_required
@require_POST
def appointment_action(request, pk, action):
    appointment = get_object_or_404(
        Appointment.objects.visible_to(request.user).select_related("slot__window__region"), pk=pk
    )
    if action == "cancel":
        run_service(
            request,
            lambda: services.appointment_cancel(actor=request.user, appointment=appointment),
            success=_("预约已取消"),
        )
    elif action == "no_show":
        run_service(
            request,
            lambda: services.appointment_no_show(actor=request.user, appointment=appointment),
            success=_("已登记未到"),
        )
    elif action == "convert":
        form = ConvertForm(request.POST)
        if form.is_valid():
            ok, intake = run_service(
                request,
                lambda: services.appointment_convert(
                    actor=request.user, appointment=appointment, **form.cleaned_data
                ),
            )
            if ok:
                return redirect("windows:case_detail", number=intake.case.number)
        else:
            form_errors(request, form)
    return redirect(_slot_url(appointment.slot))


def _calendar_url(window) -> str:
    return reverse("windows:calendar", args=[window.pk])


def _slot_url(slot) -> str:
    return f"{_calendar_url(slot.window)}?week={timezone.localtime(slot.starts_at).date():%Y-%m-%d}&slot={slot.pk}"
