"""The overview page (one row per child region, drill-down), the printable monthly brief, and the recompute."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.web import run_service
from regions import access
from regions.choices import ADMIN_ROLES

from .. import rules, services
from ..choices import IssueStatus
from ..models import Issue
from ..selectors import overview as selectors


def can_recompute(user: Any) -> bool:
    return access.sees_everything(user) or any(g.role in ADMIN_ROLES for g in access.grants(user))


def _period(request: HttpRequest) -> str | None:
    value = request.GET.get("period") or ""
    return value if value and not rules.period_error(value) else None


def _cells(row: selectors.Row) -> list[tuple[Any, str]]:
    """(value, colour) per column; the colour from the thresholds (data)."""
    keys = [f"{area}.{name}" for area, name, _label in selectors.COLUMNS]
    return [(value, row.colours.get(key, "")) for key, value in zip(keys, selectors.cells(row), strict=False)]


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The overview of a region (?region=) for a month (?period=, default the latest computed)."""
    view = selectors.overview(request.user, code=request.GET.get("region"), period=_period(request))
    rows = ([view.own] if view.own else []) + view.children
    context = {
        "view": view,
        "rows": [(row, _cells(row)) for row in rows],
        "columns": selectors.COLUMNS,
        "periods": selectors.periods(request.user, view.region.code),
        "can_recompute": can_recompute(request.user),
        "can_raise": access.has_role(request.user, view.region.code),
        "this_month": rules.period_of(timezone.localdate()),
        "child_drill": len(view.region.code) < 6,
        # regions below with an area without data: counted apart, their cells grey (issue 14)
        "no_data_children": sum(1 for row in view.children if rules.no_data_areas(row.figures)),
    }
    return render(request, "oversight/overview.html", context)


@login_required
def brief(request: HttpRequest) -> HttpResponse:
    """The monthly brief for the joint meeting: one printable page with the region's figures and the change on
    the month before (粤民发〔2018〕170号 三)."""
    view = selectors.overview(request.user, code=request.GET.get("region"), period=_period(request))
    previous = selectors.previous_row(view.region.code, view.period) if view.period and view.own else None
    lines = []
    if view.own:
        for (area, name, label), value in zip(selectors.COLUMNS, selectors.cells(view.own), strict=False):
            before = previous.get(area, {}).get(name) if previous else None
            change = (
                value - before
                if isinstance(value, (int, float)) and isinstance(before, (int, float))
                else None
            )
            lines.append({"label": label, "value": value, "before": before, "change": change})
    open_issues = (
        Issue.objects.visible_to(request.user)
        .filter(status=IssueStatus.OPEN, region__code__startswith=view.region.code)
        .select_related("region")
    )
    context = {"view": view, "lines": lines, "open_issues": open_issues, "today": timezone.localdate()}
    return render(request, "oversight/brief.html", context)


@login_required
@require_POST
def recompute(request: HttpRequest) -> HttpResponse:
    """An admin computes a month now (queued; done at once without a broker)."""
    period = request.POST.get("period", "")
    run_service(
        request,
        lambda: services.overview_request(actor=request.user, period=period),
        success=_("已开始重新计算，完成后刷新页面即可看到结果。"),
    )
    region = request.POST.get("region", "")
    return redirect(f"{reverse('oversight:index')}?region={region}&period={period}")
