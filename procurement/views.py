"""Pages for projects: list, create, detail with stage, what is missing and the event timeline, the steps, and
the bid scoring screen (with each contractor's evaluation track record)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.web import run_service
from regions import access

from . import selectors, services
from .choices import BidStatus, ProjectStatus
from .filters import ProjectFilterSet
from .forms import STEP_FORMS, BidForm, ContractForm, InvalidateForm, ProjectForm, TakeoverPlanForm
from .models import BidScore, Project, ProjectEvent
from .rules import ACTION_LABELS, PROJECT_TRANSITIONS
from .selectors import project_blockers, ranking

#: steps taken on the project page (contract / start / takeover happen on the contract's page)
PAGE_STEPS = (
    "publish",
    "open",
    "award",
    "fail",
    "retender",
    "switch_method",
    "evaluate",
    "close",
    "terminate",
)

STEP_SERVICES = {
    "publish": services.project_publish,
    "open": services.project_open,
    "award": services.project_award,
    "fail": services.project_fail,
    "retender": services.project_retender,
    "switch_method": services.project_switch_method,
    "evaluate": services.project_mark_evaluated,
    "close": services.project_close,
    "terminate": services.project_terminate,
}


def _project(request, pk: int) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user).select_related("purchaser"), pk=pk)


def form_errors(request, form) -> None:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))


@login_required
def index(request):
    """Projects in scope, filterable by stage, method, year, region, title."""
    qs = Project.objects.visible_to(request.user).select_related("purchaser").order_by("-year", "-id")
    filterset = ProjectFilterSet(request.GET, queryset=qs)
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "procurement/project_list.html",
        {"filter": filterset, "page": page, "can_act": _acts_somewhere(request.user)},
    )


def _acts_somewhere(user) -> bool:
    from regions.choices import ACTING_ROLES

    return user.is_superuser or any(g.role in ACTING_ROLES for g in access.grants(user))


@login_required
def project_create(request):
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, project = run_service(
            request,
            lambda: services.project_create(actor=request.user, **form.service_kwargs()),
            success="项目已创建 / project created",
            form=form,
        )
        if ok:
            return redirect("procurement:project_detail", pk=project.pk)
    return render(request, "procurement/project_form.html", {"form": form})


@login_required
def project_detail(request, pk: int):
    project = _project(request, pk)
    events = ProjectEvent.objects.filter(project=project).select_related("actor")
    allowed = [a for (state, a) in PROJECT_TRANSITIONS if state == project.status and a in PAGE_STEPS]
    can_act = access.has_role(request.user, project.purchaser.code)
    step_forms = [(a, ACTION_LABELS[a], STEP_FORMS[a](prefix=a)) for a in allowed] if can_act else []
    contracts = project.contracts.select_related("contractor").order_by("id")
    return render(
        request,
        "procurement/project_detail.html",
        {
            "project": project,
            "items": project.items.all(),
            "standards": project.standards.all(),
            "criteria": project.criteria.all(),
            "events": events,
            "blockers": project_blockers(project),
            "step_forms": step_forms,
            "contracts": contracts,
            "can_act": can_act,
            "action_labels": ACTION_LABELS,
            "thresholds": services.thresholds_for(project.purchaser.code, project.year),
        },
    )


@login_required
@require_POST
def project_step(request, pk: int, action: str):
    project = _project(request, pk)
    if action not in PAGE_STEPS:
        raise Http404
    form = STEP_FORMS[action](request.POST, prefix=action)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("procurement:project_detail", pk=pk)
    service = STEP_SERVICES[action]
    run_service(
        request,
        lambda: service(actor=request.user, project=project, **form.cleaned_data),
        success=f"{ACTION_LABELS[action]}：已完成 / done",
    )
    return redirect("procurement:project_detail", pk=pk)


@login_required
def project_bids(request, pk: int):
    """The bid scoring screen: bids with each contractor's track record, the caller's scores per criterion,
    and the ranking with its breakdown."""
    project = _project(request, pk)
    bids = list(project.bids.filter(round=project.round).select_related("contractor").order_by("id"))
    results, valid, criteria = ranking(project)
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
    project = _project(request, pk)
    form = BidForm(request.POST, request.FILES)
    if form.is_valid():
        run_service(
            request,
            lambda: services.bid_submit(actor=request.user, project=project, **form.cleaned_data),
            success="响应已登记 / bid registered",
        )
    else:
        form_errors(request, form)
    return redirect("procurement:project_bids", pk=pk)


@login_required
@require_POST
def bid_score(request, pk: int, bid_pk: int):
    project = _project(request, pk)
    bid = get_object_or_404(project.bids, pk=bid_pk)
    scores = {
        key.removeprefix("c"): value.strip()
        for key, value in request.POST.items()
        if key.startswith("c") and key[1:].isdigit() and value.strip()
    }
    run_service(
        request,
        lambda: services.bid_score(actor=request.user, bid=bid, scores=scores),
        success=f"已保存对{bid.contractor.name}的评分 / scores saved",
    )
    return redirect("procurement:project_bids", pk=pk)


@login_required
@require_POST
def bid_invalidate(request, pk: int, bid_pk: int):
    project = _project(request, pk)
    bid = get_object_or_404(project.bids.filter(status=BidStatus.VALID), pk=bid_pk)
    form = InvalidateForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.bid_invalidate(actor=request.user, bid=bid, reason=form.cleaned_data["reason"]),
            success="已认定该响应无效 / bid declared invalid",
        )
    else:
        form_errors(request, form)
    return redirect("procurement:project_bids", pk=pk)


@login_required
def contract_create(request, pk: int):
    """Sign the contract of an awarded project, with its takeover plan (a contract cannot start without one)."""
    project = _project(request, pk)
    if project.status != ProjectStatus.AWARDED:
        messages.error(request, "项目尚未确定承接主体或已签订合同 / the project is not awaiting a contract")
        return redirect("procurement:project_detail", pk=pk)
    winner = project.awarded_bid
    form = ContractForm(request.POST or None, initial={"amount": winner.price if winner else None})
    plan = TakeoverPlanForm(request.POST or None, prefix="plan")
    if request.method == "POST" and form.is_valid() and plan.is_valid():
        data = dict(form.cleaned_data)
        ok, contract = run_service(
            request,
            lambda: services.contract_create(
                actor=request.user, project=project, takeover_plan=dict(plan.cleaned_data), **data
            ),
            success="合同已登记 / contract recorded",
            form=form,
        )
        if ok:
            return redirect("procurement:contract_detail", pk=contract.pk)
    return render(
        request,
        "procurement/contract_form.html",
        {"project": project, "form": form, "plan": plan, "winner": winner},
    )
