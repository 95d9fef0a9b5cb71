"""Public pages without login (粤民发〔2018〕170号 一(七): 购买主体要按规定公开购买服务的相关信息): published projects,
award notices, contracts' key terms, the debarment list. Organisation data only — never recipients."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from core.ratelimit import LIMITED, allow
from core.web import paginate

from ..models import CatalogueItem, Contract, LocalCondition, Project
from ..rules import PUBLIC_STATES
from ..selectors import debarment_list, ranking
from ..services.common import today

#: public page views per IP and minute (generous: a reader browses; a scraper is slowed down)
PUBLIC_VIEWS_PER_MINUTE = 120


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


def public_projects(request):
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
        qs = qs.filter(title__icontains=q)
    page = paginate(request, qs)
    return render(request, "procurement/public_projects.html", {"page": page, "region": region, "q": q})


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
        results, bids, _ = ranking(project, on=project.awarded_on)
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


def public_debarments(request):
    rows = debarment_list(today())
    return render(request, "procurement/public_debarments.html", {"rows": rows, "today": today()})
