"""The bid scoring screen (with each contractor's published evaluation results, 粤民发〔2018〕170号 一(六)) and its
steps: register a bid, score it, declare it invalid."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.web import form_errors, run_service
from regions import access

from .. import selectors, services
from ..choices import BidStatus, ProjectStatus
from ..forms import BidForm, InvalidateForm
from ..models import BidScore
from .projects import project_for


@login_required
def project_bids(request, pk: int):
    """The bid scoring screen: bids with each contractor's track record, the caller's scores per criterion,
    and the ranking with its breakdown."""
    project = project_for(request, pk)
    bids = list(project.bids.filter(round=project.round).select_related("contractor").order_by("id"))
    results, valid, criteria = selectors.ranking(project)
    record = selectors.track_record({b.contractor_id for b in bids})
    mine = {
        (s.bid_id, s.criterion_id): s.score
        for s in BidScore.objects.filter(bid__in=bids, evaluator=request.user)
    }
    non_price = [c for c in criteria if not c.is_price]
    rows = [
        {
            "bid": bid,
            "record": record.get(bid.contractor_id, []),
            "my_scores": [(c, mine.get((bid.pk, c.pk), "")) for c in non_price],
        }
        for bid in bids
    ]
    ranked = [
        {"result": r, "bid": valid[r.bid_id], "scores": [r.breakdown.get(c.pk) for c in criteria]}
        for r in results
    ]
    purchasing = project.status == ProjectStatus.PURCHASING
    can_act = access.has_role(request.user, project.purchaser.code)
    return render(
        request,
        "procurement/bids.html",
        {
            "project": project,
            "rows": rows,
            "ranked": ranked,
            "criteria": criteria,
            "non_price": non_price,
            "purchasing": purchasing and can_act,
            "bid_form": BidForm(),
            "earlier": project.bids.exclude(round=project.round).count(),
        },
    )


@login_required
@require_POST
def bid_submit(request, pk: int):
    project = project_for(request, pk)
    form = BidForm(request.POST, request.FILES)
    if form.is_valid():
        run_service(
            request,
            lambda: services.bid_submit(actor=request.user, project=project, **form.cleaned_data),
            success=_("响应已登记"),
        )
    else:
        form_errors(request, form)
    return redirect("procurement:project_bids", pk=pk)


@login_required
@require_POST
def bid_score(request, pk: int, bid_pk: int):
    project = project_for(request, pk)
    bid = get_object_or_404(project.bids, pk=bid_pk)
    scores = {
        key.removeprefix("c"): value.strip()
        for key, value in request.POST.items()
        if key.startswith("c") and key[1:].isdigit() and value.strip()
    }
    run_service(
        request,
        lambda: services.bid_score(actor=request.user, bid=bid, scores=scores),
        success=_("已保存对{name}的评分").format(name=bid.contractor.name),
    )
    return redirect("procurement:project_bids", pk=pk)


@login_required
@require_POST
def bid_invalidate(request, pk: int, bid_pk: int):
    project = project_for(request, pk)
    bid = get_object_or_404(project.bids.filter(status=BidStatus.VALID), pk=bid_pk)
    form = InvalidateForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.bid_invalidate(actor=request.user, bid=bid, reason=form.cleaned_data["reason"]),
            success=_("已认定该响应无效"),
        )
    else:
        form_errors(request, form)
    return redirect("procurement:project_bids", pk=pk)
