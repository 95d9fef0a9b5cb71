"""Compliance pages: the dashboard with a chart per region and the list of workers needing training."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.db import reads_from_replica
from core.web import Column, Listing

from ..selectors import CHILD_LEVEL, compliance_rollup, missing_workers, visible_region


def year_param(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


def region_param(request):
    region = visible_region(request.user, request.GET.get("region"))
    if region is None:
        raise Http404
    return region


@login_required
@reads_from_replica
def compliance_dashboard(request):
    """Organisers' once-a-year training and workers' pre-job/rotation compliance for the regions below one."""
    region, year = region_param(request), year_param(request)
    rows = compliance_rollup(request.user, year=year, region=region)
    totals = {
        key: sum(getattr(r, key) for r in rows)
        for key in (
            "workers",
            "compliant",
            "pre_job_awaiting",
            "pre_job_late",
            "rotation_missing",
            "rotation_due",
        )
    }
    organisers = [r for r in rows if r.organiser_status]
    # a region with no worker in the snapshot has no data: counted and shown apart in grey, never as compliant
    no_data = [r for r in rows if not r.workers]
    chart = {
        "names": [r.name if r.workers else _("%(name)s（无数据）") % {"name": r.name} for r in rows],
        "compliant": [r.compliant for r in rows],
        "pre_job_awaiting": [r.pre_job_awaiting for r in rows],
        "rotation_missing": [r.rotation_missing for r in rows],
    }
    return render(
        request,
        "training/compliance.html",
        {
            "region": region,
            "year": year,
            "years": range(year - 2, year + 2),
            "rows": rows,
            "totals": totals,
            "no_data_regions": len(no_data),
            "organisers_done": sum(1 for r in organisers if r.organiser_status == "done"),
            "organisers_missing": sum(1 for r in organisers if r.organiser_status == "missing"),
            "has_organisers": bool(organisers),
            "plans_incomplete": sum(1 for r in rows if r.plan_missing_types),
            "child_level": CHILD_LEVEL.get(region.level),
            "chart": chart,  # json_script encodes it; encoding twice would hand the page a string
        },
    )


#: the list of workers needing training (issue 14): sortable headers and the Excel export of the filtered view
MISSING_COLUMNS = (
    Column("name", gettext_lazy("姓名"), ("worker__name",), "worker.name"),
    Column("region", gettext_lazy("任职区域"), ("region_code",), "worker.region.name"),
    Column("start", gettext_lazy("入职日期"), ("start_date",), "start_date"),
    Column("pre_job", gettext_lazy("岗前培训"), ("pre_job_status",), "get_pre_job_status_display"),
    Column("rotation", gettext_lazy("定期轮训"), ("rotation_status",), "get_rotation_status_display"),
    Column("hours", gettext_lazy("本年学时"), ("hours_in_year",), "hours_in_year", css="num"),
)


@login_required
@reads_from_replica
def missing_list(request):
    """Workers who need training (for their county admin): awaiting pre-job training, rotation missing (and,
    with ?due=1, those without this year's rotation yet)."""
    region, year = region_param(request), year_param(request)
    include_due = request.GET.get("due") == "1"
    qs = missing_workers(request.user, year=year, region_code=region.code, include_due=include_due)
    q = (request.GET.get("q") or "").strip()
    if q:
        qs = qs.filter(worker__name__contains=q)
    listing = Listing(request, qs, MISSING_COLUMNS)
    if listing.wants_export:
        return listing.export(
            _("缺训人员-{region}-{year}.xlsx").format(region=region.code, year=year), _("缺训人员")
        )
    context = {
        "region": region,
        "year": year,
        "listing": listing,
        "page": listing.page,
        "q": q,
        "include_due": include_due,
        "years": range(year - 2, year + 2),
    }
    return render(request, "training/missing.html", context)
