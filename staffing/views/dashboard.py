"""The compliance dashboard: figures, chart and drill-down table for the user's scope and a chosen period."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.db import reads_from_replica
from core.web import Column, Listing, run_service
from regions import access
from regions.choices import ACTING_ROLES, RegionLevel

from .. import selectors
from ..choices import ComplianceStatus, RunState, WorkerStatus
from ..models import ComplianceRun, ComplianceSnapshot, StaffingRuleSet, Worker
from ..rules import period_error, period_of
from ..services import compliance_recompute_now
from .dashboard_table import child_table

#: workers listed per card on the dashboard (the count above each list is exact)
LISTED = 100


def can_recompute(user) -> bool:
    return user.is_superuser or any(g.role in ACTING_ROLES for g in access.grants(user))


def period_param(request) -> str | None:
    """?period= when valid, else the latest period with caseload data (domain.md 12: open on data, and say so)."""
    value = request.GET.get("period") or ""
    if value and not period_error(value):
        return value
    if value:
        messages.warning(request, _("月份格式应为 YYYY-MM，已显示有户数数据的最近月份"))
    return selectors.latest_period(request.user)


def _flagged_workers(name: str, queryset) -> dict:
    """A count and (when any) the first LISTED workers of a list shown apart on the dashboard."""
    count = queryset.count()
    return {f"{name}_count": count, f"{name}_workers": list(queryset[:LISTED]) if count else []}


@login_required
@reads_from_replica
def index(request):
    """Dashboard of an area (?region=) for a period (?period=, default the latest with caseload data, said on the
    page; domain.md 12)."""
    chosen = request.GET.get("period") or ""
    with_data, newest = selectors.latest_periods(request.user)
    if chosen and period_error(chosen):
        messages.warning(request, _("月份格式应为 YYYY-MM，已显示有户数数据的最近月份"))
        chosen = ""
    period = chosen or with_data or newest
    dash = selectors.dashboard(request.user, period=period, focus_code=request.GET.get("region"))
    code = dash.focus.code
    institution = selectors.institution_workers(request.user, code)
    unrecruited_count = selectors.dispatched_without_round(request.user, code).count()
    chart = [
        {
            "name": c.name,
            "code": c.code,
            "required": (c.own.required_staff or 0) if c.own else c.required,
            "actual": c.own.actual_staff if c.own else c.actual,
            # enough staff but no caseload data to judge by: drawn grey, never green (issue 14); short stays red
            "no_data": bool(c.own and c.own.status == "no_data"),
        }
        for c in dash.children
        if dash.child_level != RegionLevel.VILLAGE
    ]
    workers = []
    if dash.focus.level == RegionLevel.TOWNSHIP:
        workers = list(
            Worker.objects.visible_to(request.user)
            .filter(region__code__startswith=dash.focus.code, status=WorkerStatus.ACTIVE)
            .select_related("region")
            .order_by("post", "region__code", "name")[:300]
        )
    context = {
        "dash": dash,
        "period": period,
        "periods": selectors.periods(request.user),
        "chart": chart,
        "workers": workers,
        # opened without ?period=: the latest month with caseload data, said on the page
        "opened_latest_with_data": bool(with_data) and period == with_data and chosen != period,
        "newest": newest,
        **_flagged_workers("institution", institution),
        "unrecruited_count": unrecruited_count,
        "child_table": child_table(dash.children, dash.child_level, request.GET.get("sort", "")),
        "run": ComplianceRun.objects.filter(period=period).first() if period else None,
        "can_recompute": can_recompute(request.user),
        "this_month": period_of(timezone.localdate()),
    }
    return render(request, "staffing/dashboard.html", context)


@login_required
@require_POST
def recompute(request):
    """ "Recompute now": queue a coalesced recompute of the period; the page shows it running, then done."""
    if not can_recompute(request.user):
        raise Http404
    period = request.POST.get("period", "")
    ok, done = run_service(request, lambda: compliance_recompute_now(actor=request.user, period=period))
    if ok and not done.province:
        words = {"period": period, "areas": "、".join(done.areas), "rows": done.rows}
        messages.success(request, _("%(period)s 已重新计算您所辖区域（%(areas)s，%(rows)s 行）") % words)
    elif ok:
        run = ComplianceRun.objects.get(period=period)
        if run.state == RunState.DONE:
            messages.success(
                request, _("%(period)s 已重新计算全省（%(rows)s 行）") % {"period": period, "rows": run.rows}
            )
        else:
            messages.info(request, _("%(period)s 已排队重新计算全省") % {"period": period})
    url = reverse("staffing:index") + f"?period={period}"
    if request.POST.get("region"):
        url += f"&region={request.POST['region']}"
    return redirect(url)


@login_required
def run_status(request, period: str):
    """The run state of a period (htmx polls it while a recompute is queued or running)."""
    if period_error(period):
        raise Http404
    run = ComplianceRun.objects.filter(period=period).first()
    return render(request, "staffing/_run_status.html", {"run": run, "period": period})


#: the villages list (issue 14): sortable headers and the Excel export of the filtered view
VILLAGE_COLUMNS = (
    Column("village", gettext_lazy("村（社区）"), ("region__name",), "region.name"),
    Column("code", gettext_lazy("区划代码"), ("region_code",), "region_code"),
    Column("township", gettext_lazy("所属乡镇（街道）"), ("region__parent__name",), "region.parent.name"),
    Column("staff", gettext_lazy("协理员人数"), ("actual_staff",), "actual_staff", css="num"),
    Column("households", gettext_lazy("户数"), ("households",), "households", css="num"),
    Column("computed", gettext_lazy("计算时间"), ("computed_at",), "computed_at"),
)
VILLAGE_STATUSES = (
    (ComplianceStatus.SHORT, gettext_lazy("无协理员")),
    (ComplianceStatus.COMPLIANT, gettext_lazy("1-2 名协理员")),
    (ComplianceStatus.FLAGGED, gettext_lazy("超过 2 名")),
)


@login_required
def villages(request):
    """Villages (communities) by coordinator status (default: without a coordinator, 二(三)); a keyword finds a
    village or its township by name."""
    period = period_param(request)
    status = request.GET.get("status") or ComplianceStatus.SHORT
    region = (request.GET.get("region") or "").strip()
    keyword = (request.GET.get("q") or "").strip()
    rows = ComplianceSnapshot.objects.none()
    if period:
        rows = (
            ComplianceSnapshot.objects.visible_to(request.user)
            .filter(period=period, level=RegionLevel.VILLAGE, status=status)
            .select_related("region__parent")
            .order_by("region_code")
        )
        if region:
            rows = rows.filter(region_code__startswith=region)
        if keyword:
            rows = rows.filter(
                Q(region__name__icontains=keyword) | Q(region__parent__name__icontains=keyword)
            )
    listing = Listing(request, rows, VILLAGE_COLUMNS)
    if listing.wants_export:
        return listing.export(
            _("村（社区）协理员-{period}.xlsx").format(period=period or ""), _("村（社区）协理员")
        )
    context = {
        "listing": listing,
        "page": listing.page,
        "period": period,
        "status": status,
        "region": region,
        "q": keyword,
        "statuses": VILLAGE_STATUSES,
    }
    return render(request, "staffing/villages.html", context)


@login_required
def rule_list(request):
    """The staffing rule table (二(二)): every rule set with its brackets, document and effective dates."""
    rule_sets = StaffingRuleSet.objects.prefetch_related("rules")
    current = selectors.rule_set_for(period_of(timezone.localdate())).rule_set
    return render(request, "staffing/rules.html", {"rule_sets": rule_sets, "current": current})
