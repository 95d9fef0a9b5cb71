"""Window pages: the list, a window's checklist and staff on duty, and its editor (粤民发〔2018〕170号 二(一))."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.web import Column, Listing, run_service
from regions import access
from regions.access import scope_q
from regions.choices import ACTING_ROLES
from regions.models import RegionUserObjectPermission
from supervision.selectors import panel as supervision_panel

from .. import rules, services
from ..filters import ServiceWindowFilterSet
from ..forms import WindowForm
from ..models import ServiceWindow


def visible_windows(user):
    return ServiceWindow.objects.visible_to(user).select_related("region", "duty_officer")


def _staff_users(user):
    """Users with a grant inside the user's scope (candidates for staff on duty)."""
    grants = RegionUserObjectPermission.objects.filter(permission__codename__startswith="role_")
    q = scope_q(user, "content_object__code")
    if q is not None:
        grants = grants.filter(q)
    return get_user_model().objects.filter(pk__in=grants.values("user_id")).order_by("username")


def _duty_officer(w) -> str:
    officer = w.duty_officer
    return (officer.get_full_name() or officer.get_username()) if officer else ""


#: the windows list (issue 14): sortable headers and the Excel export of the filtered view
WINDOW_COLUMNS = (
    Column("name", gettext_lazy("窗口"), ("name",), "name"),
    Column("region", gettext_lazy("所在区划"), ("region__code",), "region.name"),
    Column("code", gettext_lazy("区划代码"), (), "region.code", shown=False),
    Column("hours", gettext_lazy("办公时间"), (), "hours"),
    Column("checklist", gettext_lazy("规范化建设（5项）"), (), "checklist_done"),
    Column("staff", gettext_lazy("在岗人员"), ("staff_count",), "staff_count", css="num"),
    Column("duty", gettext_lazy("值班人员"), ("duty_officer__first_name",), _duty_officer),
    Column("active", gettext_lazy("启用"), (), lambda w: _("是") if w.active else _("否"), shown=False),
    Column("calendar", gettext_lazy("预约")),
)


@login_required
def window_list(request):
    filterset = ServiceWindowFilterSet(
        request.GET or None,
        queryset=visible_windows(request.user)
        .annotate(staff_count=Count("staff", distinct=True))
        .order_by("region__code", "name"),
    )
    listing = Listing(request, filterset.qs, WINDOW_COLUMNS)
    if listing.wants_export:
        return listing.export(_("服务窗口") + ".xlsx", _("服务窗口"))
    return render(
        request, "windows/window_list.html", {"filter": filterset, "listing": listing, "page": listing.page}
    )


@login_required
def window_detail(request, pk):
    window = get_object_or_404(visible_windows(request.user).prefetch_related("staff"), pk=pk)
    today = timezone.localdate()
    open_cases = window.cases.filter(status__in=rules.OPEN_STATUSES).count()
    return render(
        request,
        "windows/window_detail.html",
        {
            "window": window,
            "open_cases": open_cases,
            "overdue": window.cases.filter(status__in=rules.OPEN_STATUSES, due_date__lt=today).count(),
            "can_edit": access.has_role(request.user, window.region.code, ACTING_ROLES),
            "supervision": supervision_panel(request.user, window),
        },
    )


@login_required
def window_edit(request, pk=None):
    window = get_object_or_404(visible_windows(request.user), pk=pk) if pk else None
    if window is not None:
        access.require_role(request.user, window.region.code, ACTING_ROLES)
    elif (
        not any(g.role in ACTING_ROLES for g in access.grants(request.user)) and not request.user.is_superuser
    ):
        raise PermissionDenied(_("您没有新建窗口的权限"))
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
            success=_("窗口已保存"),
            form=form,
        )
        if ok:
            return redirect("windows:window_detail", pk=saved.pk)
    return render(request, "windows/window_form.html", {"form": form, "window": window})
