"""Public pages without login (粤民发〔2018〕170号 一(七): 购买主体要按规定公开购买服务的相关信息): published projects,
award notices, contracts' key terms, the debarment list. Organisation data only — never recipients."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.ratelimit import LIMITED, allow
from core.web import Column, Listing

from ..models import CatalogueItem, Contract, LocalCondition, Project
from ..rules import PUBLIC_STATES
from ..selectors import debarment_list, ranking
from ..services.common import today

#: public page views per IP and minute (generous: a reader browses; a scraper is slowed down)
PUBLIC_VIEWS_PER_MINUTE = 120
#: Excel downloads of a public list per IP and minute (each reads the whole filtered list)
PUBLIC_EXPORTS_PER_MINUTE = 10


def _limited(request, scope: str, listing: Listing) -> HttpResponse | None:
    """429 past the per-minute page views of a public list, or past its exports when this is one."""
    if not allow(request, scope, PUBLIC_VIEWS_PER_MINUTE):
        return HttpResponse(LIMITED, status=429)
    if listing.wants_export and not allow(request, f"{scope}-export", PUBLIC_EXPORTS_PER_MINUTE):
        return HttpResponse(LIMITED, status=429)
    return None


def public_catalogue(request):
    """The guidance catalogue and every region's local conditions for contractors, public (向社会公开,
    粤民发〔2018〕170号 一(二)、一(三)); `?region=` narrows the local items and conditions to a region code."""
    if not allow(request, "procurement-public-catalogue", PUBLIC_VIEWS_PER_MINUTE):
        return HttpResponse(LIMITED, status=429)
    items = CatalogueItem.objects.filter(active=True).select_related("region").order_by("code")
    conditions = LocalCondition.objects.select_related("region").order_by("region__code", "work_kind", "-id")
    region = (request.GET.get("region") or "").strip()
    if region.isdigit():
        items = items.filter(region__code__startswith=region) | items.filter(region=None)
        conditions = conditions.filter(region__code__startswith=region)
    return render(
        request,
        "procurement/public_catalogue.html",
        {"items": items, "conditions": conditions, "region": region},
    )


#: the public projects list (issue 14): sortable headers and the Excel export of the filtered view (organisation
#: data only, as the page shows it)
PUBLIC_PROJECT_COLUMNS = (
    Column("announced", gettext_lazy("公告日期"), ("announced_on",), "announced_on"),
    Column("title", gettext_lazy("项目名称"), ("title",), "title"),
    Column("platform_number", gettext_lazy("采购平台项目编号"), (), "platform_number", shown=False),
    Column("purchaser", gettext_lazy("购买主体"), ("purchaser__code",), "purchaser.name"),
    Column("method", gettext_lazy("采购方式"), ("method",), "get_method_display"),
    Column("budget", gettext_lazy("预算（元）"), ("budget",), "budget", css="num"),
    Column("status", gettext_lazy("阶段"), ("status",), "get_status_display"),
    Column(
        "awarded",
        gettext_lazy("成交承接主体"),
        ("awarded_bid__contractor__name",),
        "awarded_bid.contractor.name",
    ),
)


def public_projects(request):
    """Published projects, by region and a keyword in the title or the platform's project number."""
    qs = (
        Project.objects.filter(status__in=PUBLIC_STATES)
        .select_related("purchaser", "awarded_bid__contractor")
        .order_by("-announced_on", "-id")
    )
    region = (request.GET.get("region") or "").strip()
    if region.isdigit():
        qs = qs.filter(purchaser__code__startswith=region)
    q = (request.GET.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(platform_number__icontains=q))
    listing = Listing(request, qs, PUBLIC_PROJECT_COLUMNS)
    refused = _limited(request, "procurement-public-projects", listing)
    if refused is not None:
        return refused
    if listing.wants_export:
        return listing.export(_("政府购买社会救助服务信息公开.xlsx"), _("项目"))
    context = {"listing": listing, "page": listing.page, "region": region, "q": q}
    return render(request, "procurement/public_projects.html", context)


def public_project(request, pk: int):
    """The announcement, the award notice (with the ranking) and the contracts' key terms of one project."""
    project = get_object_or_404(
        Project.objects.filter(status__in=PUBLIC_STATES).select_related(
            "purchaser", "awarded_bid__contractor"
        ),
        pk=pk,
    )
    ranked = []
    if project.awarded_bid_id:
        results, bids, _criteria = ranking(project, on=project.awarded_on)
        ranked = [{"result": r, "contractor": bids[r.bid_id].contractor} for r in results]
    contracts = (
        Contract.objects.filter(project=project).select_related("contractor").prefetch_related("standards")
    )
    return render(
        request,
        "procurement/public_project.html",
        {
            "project": project,
            "items": project.items.all(),
            "standards": project.standards.all(),
            "criteria": project.criteria.all(),
            "ranked": ranked,
            "contracts": contracts,
        },
    )


#: the public debarment list (issue 14): organisations only
DEBARMENT_COLUMNS = (
    Column("contractor", gettext_lazy("承接主体"), ("contractor__name",), "contractor.name"),
    Column(
        "credit_code",
        gettext_lazy("统一社会信用代码"),
        ("contractor__credit_code",),
        "contractor.credit_code",
    ),
    Column("kind", gettext_lazy("违规类型"), ("kind",), "get_kind_display"),
    Column("authority", gettext_lazy("处理机关"), ("region__code",), "deciding_authority"),
    Column("debar", gettext_lazy("禁入期"), ("debar_to", "debar_from")),
    Column("debar_from", gettext_lazy("禁入起始日期"), (), "debar_from", shown=False),
    Column("debar_to", gettext_lazy("禁入截止日期"), (), "debar_to", shown=False),
)


def public_debarments(request):
    """Contractors debarred now or from a later date, found by name or credit code."""
    rows = debarment_list(today())
    q = (request.GET.get("q") or "").strip()
    if q:
        rows = rows.filter(
            Q(contractor__name__icontains=q) | Q(contractor__credit_code__startswith=q.upper())
        )
    listing = Listing(request, rows, DEBARMENT_COLUMNS)
    refused = _limited(request, "procurement-public-debarments", listing)
    if refused is not None:
        return refused
    if listing.wants_export:
        return listing.export(_("禁止参与政府购买社会救助服务名单.xlsx"), _("禁入名单"))
    context = {"listing": listing, "page": listing.page, "q": q, "today": today()}
    return render(request, "procurement/public_debarments.html", context)
