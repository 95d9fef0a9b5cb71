"""Dispatched staff registered without a recruitment round (粤民发〔2018〕170号 二(二): dispatched staff are hired by
open recruitment), a list of its own linked from the dashboard with its count (issue 14): it can run to hundreds of
rows, so it sorts, pages, finds by name and exports the filtered view."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.db import reads_from_replica
from core.web import Column, Listing
from regions import access

from .. import selectors

UNRECRUITED_COLUMNS = (
    Column("name", gettext_lazy("姓名"), ("name",), "name"),
    Column("region", gettext_lazy("区域"), ("region__code",), "region.name"),
    Column("code", gettext_lazy("区划代码"), (), "region.code", shown=False),
    Column("post", gettext_lazy("岗位"), ("post",), "get_post_display"),
    Column("agency", gettext_lazy("派遣机构"), ("dispatching_org_name",), "dispatching_org_name"),
    Column("start", gettext_lazy("入职日期"), ("start_date",), "start_date"),
)


@login_required
@reads_from_replica
def unrecruited(request: HttpRequest) -> HttpResponse:
    """The area's (?region=, default the user's own; out of scope 404) active dispatched workers without a
    recruitment round; ?q= finds a name."""
    focus = (request.GET.get("region") or "").strip() or selectors.default_focus(request.user)
    access.require_visible(request.user, focus)
    workers = selectors.dispatched_without_round(request.user, focus)
    keyword = (request.GET.get("q") or "").strip()[:50]
    if keyword:
        workers = workers.filter(name__icontains=keyword)
    listing = Listing(request, workers, UNRECRUITED_COLUMNS)
    if listing.wants_export:
        return listing.export(
            _("未经招聘批次登记的派遣人员-{region}.xlsx").format(region=focus), _("派遣人员")
        )
    context = {"listing": listing, "page": listing.page, "region": focus, "q": keyword}
    return render(request, "staffing/unrecruited.html", context)
