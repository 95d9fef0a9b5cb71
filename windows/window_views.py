"""Window pages (checklist, staff on duty) and the appointment calendar (网上预约, 粤民发〔2018〕170号 二(四))."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.web import run_service
from regions import access
from regions.choices import ACTING_ROLES
from regions.models import RegionUserObjectPermission

from . import appointments, services
from .choices import AppointmentStatus
from .filters import ServiceWindowFilterSet
from .forms import BookForm, ConvertForm, SlotPublishForm, WindowForm
from .models import Appointment, AppointmentSlot, ServiceWindow


def _windows(user):
    return ServiceWindow.objects.visible_to(user).select_related("region", "duty_officer")


def _staff_users(user):
    """Users with a grant inside the user's scope (candidates for staff on duty)."""
    grants = RegionUserObjectPermission.objects.filter(permission__codename__startswith="role_")
    from regions.access import scope_q

    q = scope_q(user, "content_object__code")
    if q is not None:
        grants = grants.filter(q)
    return get_user_model().objects.filter(pk__in=grants.values("user_id")).order_by("username")


@login_required
def window_list(request):
    filterset = ServiceWindowFilterSet(
        request.GET or None,
        queryset=_windows(request.user).annotate(staff_count=Count("staff", distinct=True)),
    )
    page = Paginator(filterset.qs.order_by("region__code", "name"), 50).get_page(request.GET.get("page"))
    return render(request, "windows/window_list.html", {"filter": filterset, "page": page})


@login_required
def window_detail(request, pk):
    window = get_object_or_404(_windows(request.user).prefetch_related("staff"), pk=pk)
    today = timezone.localdate()
    open_cases = window.cases.filter(status__in=services.rules.OPEN_STATUSES).count()
    return render(
        request,
        "windows/window_detail.html",
        {
            "window": window,
            "open_cases": open_cases,
            "overdue": window.cases.filter(
                status__in=services.rules.OPEN_STATUSES, due_date__lt=today
            ).count(),
            "can_edit": access.has_role(request.user, window.region.code, ACTING_ROLES),
        },
    )


@login_required
def window_edit(request, pk=None):
    window = get_object_or_404(_windows(request.user), pk=pk) if pk else None
    if window is not None:
        access.require_role(request.user, window.region.code, ACTING_ROLES)
    elif (
        not any(g.role in ACTING_ROLES for g in access.grants(request.user)) and not request.user.is_superuser
    ):
        raise PermissionDenied("您没有新建窗口的权限 / your role does not allow this")
    form = WindowForm(request.POST or None, instance=window, users=_staff_users(request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        values = {k: data[k] for k in services.WINDOW_FIELDS}
        ok, saved = run_service(
            request,
            lambda: services.window_save(
                actor=request.user,
                window=window,
                region=data["region"],
                staff=data["staff"],
                duty_officer=data["duty_officer"],
                **values,
            ),
            success="窗口已保存 / saved",
            form=form,
        )
        if ok:
            return redirect("windows:window_detail", pk=saved.pk)
    return render(request, "windows/window_form.html", {"form": form, "window": window})


@login_required
def calendar(request, pk):
    """One window's week of slots: publish slots, book places, and handle the day's appointments."""
    window = get_object_or_404(_windows(request.user), pk=pk)
    try:
        start = dt.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        start = timezone.localdate()
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
    selected = request.GET.get("slot")
    slot = next((s for s in slots if str(s.pk) == selected), None)
    booked = list(slot.appointments.select_related("case").order_by("id")) if slot else []
    return render(
        request,
        "windows/calendar.html",
        {
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
        },
    )


@login_required
@require_POST
def slot_publish(request, pk):
    window = get_object_or_404(_windows(request.user), pk=pk)
    form = SlotPublishForm(request.POST)
    if form.is_valid():
        d = form.cleaned_data
        run_service(
            request,
            lambda: appointments.slots_publish(
                actor=request.user,
                window=window,
                day=d["day"],
                times=[(d["start"], d["end"])],
                capacity=d["capacity"],
            ),
            success="时段已发布 / published",
        )
        return redirect(f"{_calendar_url(window)}?week={d['day']:%Y-%m-%d}")
    run_service(request, lambda: (_ for _ in ()).throw(_form_error(form)))
    return redirect(_calendar_url(window))


@login_required
@require_POST
def slot_book(request, pk):
    slot = get_object_or_404(
        AppointmentSlot.objects.visible_to(request.user).select_related("window__region"), pk=pk
    )
    form = BookForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: appointments.appointment_book(actor=request.user, slot=slot, **form.cleaned_data),
            success="预约成功 / booked",
        )
    else:
        run_service(request, lambda: (_ for _ in ()).throw(_form_error(form)))
    return redirect(_slot_url(slot))


@login_required
@require_POST
def appointment_action(request, pk, action):
    appointment = get_object_or_404(
        Appointment.objects.visible_to(request.user).select_related("slot__window__region"), pk=pk
    )
    if action == "cancel":
        run_service(
            request,
            lambda: appointments.appointment_cancel(actor=request.user, appointment=appointment),
            success="预约已取消 / cancelled",
        )
    elif action == "no_show":
        run_service(
            request,
            lambda: appointments.appointment_no_show(actor=request.user, appointment=appointment),
            success="已登记未到 / marked no-show",
        )
    elif action == "convert":
        form = ConvertForm(request.POST)
        if form.is_valid():
            ok, intake = run_service(
                request,
                lambda: appointments.appointment_convert(
                    actor=request.user, appointment=appointment, **form.cleaned_data
                ),
            )
            if ok:
                return redirect("windows:case_detail", number=intake.case.number)
        else:
            run_service(request, lambda: (_ for _ in ()).throw(_form_error(form)))
    return redirect(_slot_url(appointment.slot))


def _form_error(form):
    from django.core.exceptions import ValidationError

    return ValidationError(
        [
            f"{form.fields[f].label if f in form.fields else ''}：{'；'.join(e)}"
            for f, e in form.errors.items()
        ]
    )


def _calendar_url(window) -> str:
    from django.urls import reverse

    return reverse("windows:calendar", args=[window.pk])


def _slot_url(slot) -> str:
    return f"{_calendar_url(slot.window)}?week={timezone.localtime(slot.starts_at).date():%Y-%m-%d}&slot={slot.pk}"
