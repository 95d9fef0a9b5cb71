"""The rule tables admins edit in the app (domain.md 12): the holiday table by year (national schedule by a province
admin, a county's own days by its admins) and the time limits with their sources. Changes keep their history, shown on each page (the province-wide rows' and
those of the counties the user sees)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.web import form_errors, run_service
from regions import access
from regions.audit_selectors import reference_history
from regions.choices import ADMIN_ROLES

from .. import selectors, services
from ..forms import DeadlineRuleForm, HolidayForm, RoutingRuleForm
from ..models import DeadlineRule, Holiday


def _can_edit(user, region_code: str) -> bool:
    if region_code == "":
        return services.is_province_admin(user)
    return access.has_role(user, region_code, ADMIN_ROLES)


def _admin_counties(user) -> list[str]:
    return [g.code for g in access.grants(user) if g.role in ADMIN_ROLES and len(g.code) == 6]


@login_required
def holidays(request):
    """The holiday table of one year (?year=), with the form to add a day; ?edit=<id> fills the form."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        year = today.year
    rows = list(selectors.holidays(request.user, year))
    editing = next((r for r in rows if str(r.pk) == request.GET.get("edit")), None)
    initial = {"date": f"{year}-01-01"}
    if editing is not None:
        initial = {
            "date": editing.date,
            "kind": "workday" if editing.is_working_day else "holiday",
            "name": editing.name,
            "region_code": editing.region_code,
        }
    years = selectors.holiday_years()
    return render(
        request,
        "windows/holidays.html",
        {
            "year": year,
            "rows": [(r, _can_edit(request.user, r.region_code)) for r in rows],
            "loaded": year in years,
            "years": sorted({*years, today.year, today.year + 1}, reverse=True),
            "form": HolidayForm(initial=initial),
            "editing": editing,
            "province_admin": services.is_province_admin(request.user),
            "admin_counties": _admin_counties(request.user),
            "history": reference_history(request.user, [Holiday]),
        },
    )


@login_required
@require_POST
def holiday_save(request, pk=None):
    holiday = get_object_or_404(selectors.holidays_all(request.user), pk=pk) if pk else None
    form = HolidayForm(request.POST)
    year = timezone.localdate().year
    if form.is_valid():
        data = form.cleaned_data
        year = data["date"].year
        run_service(
            request,
            lambda: services.holiday_save(
                actor=request.user,
                holiday=holiday,
                date=data["date"],
                is_working_day=data["kind"] == "workday",
                name=data["name"],
                region_code=data["region_code"],
            ),
            success=_("已保存，受影响的未办结事项期限将重新计算"),
        )
    else:
        form_errors(request, form)
    return redirect(reverse("windows:holidays") + f"?year={year}")


@login_required
@require_POST
def holiday_delete(request, pk):
    holiday = get_object_or_404(selectors.holidays_all(request.user), pk=pk)
    year = holiday.date.year
    run_service(
        request,
        lambda: services.holiday_delete(actor=request.user, holiday=holiday),
        success=_("已删除，受影响的未办结事项期限将重新计算"),
    )
    return redirect(reverse("windows:holidays") + f"?year={year}")


@login_required
def time_limits(request):
    """The time-limit table with each limit's source; admins set the province default or their county's own."""
    rows = list(selectors.time_limit_rows(request.user))
    return render(
        request,
        "windows/time_limits.html",
        {
            "rows": [(r, _can_edit(request.user, r.region_code)) for r in rows],
            "form": DeadlineRuleForm(initial={"region_code": next(iter(_admin_counties(request.user)), "")}),
            "province_admin": services.is_province_admin(request.user),
            "admin_counties": _admin_counties(request.user),
            "history": reference_history(request.user, [DeadlineRule]),
        },
    )


@login_required
@require_POST
def time_limit_save(request):
    form = DeadlineRuleForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.deadline_rule_save(actor=request.user, **form.cleaned_data),
            success=_("时限已保存，此后开始的环节按新时限计算"),
        )
    else:
        form_errors(request, form)
    return redirect("windows:time_limits")


@login_required
@require_POST
def time_limit_delete(request, pk):
    rule = get_object_or_404(selectors.time_limit_rows(request.user), pk=pk)
    run_service(
        request,
        lambda: services.deadline_rule_delete(actor=request.user, rule=rule),
        success=_("本县时限已删除，恢复适用全省默认"),
    )
    return redirect("windows:time_limits")


@login_required
def routing_rules(request):
    """The routing table (一门受理、协同办理) with its change history; a province admin edits it here."""
    may_edit = services.is_province_admin(request.user)
    return render(
        request,
        "windows/routing_rules.html",
        {
            "rows": selectors.routing_rules(),
            "history": selectors.routing_history(),
            "form": RoutingRuleForm() if may_edit else None,
        },
    )


@login_required
@require_POST
def routing_rule_save(request):
    form = RoutingRuleForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.routing_rule_save(actor=request.user, **form.cleaned_data),
            success=_("分办规则已保存，此后登记的事项按新规则分办"),
        )
    else:
        form_errors(request, form)
    return redirect("windows:routing_rules")
