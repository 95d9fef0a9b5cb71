"""Pages for contractors (with reviews, contracts, sanctions), their documents, and the catalogue."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, form_errors, run_service
from regions import access
from regions.audit_selectors import reference_history

from .. import services
from ..filters import ContractorFilterSet
from ..forms import CatalogueItemForm, ContractorForm, LocalConditionForm, ReviewForm
from ..models import (
    Bid,
    CatalogueItem,
    Contract,
    Contractor,
    EligibilityReview,
    LocalCondition,
    ReviewCondition,
    Sanction,
)
from ..selectors import catalogue_visible_to, contractor_search, debarred_contractor_ids
from ..services.common import today
from .common import acts_somewhere


@login_required
def contractor_list(request):
    qs = Contractor.objects.visible_to(request.user).select_related("region").order_by("name", "id")
    filterset = ContractorFilterSet(request.GET, queryset=qs)
    listing = Listing(request, filterset.qs, CONTRACTOR_COLUMNS)
    if listing.wants_export:
        return listing.export(_("承接主体.xlsx"), _("承接主体"))
    page = listing.page
    debarred = debarred_contractor_ids([c.pk for c in page], today())
    return render(
        request,
        "procurement/contractor_list.html",
        {
            "filter": filterset,
            "listing": listing,
            "page": page,
            "debarred": debarred,
            "can_act": acts_somewhere(request.user),
        },
    )


#: the contractor list's columns: sortable headers and the Excel export of the filtered list (issue 14)
CONTRACTOR_COLUMNS = (
    Column("name", gettext_lazy("名称"), ("name",), "name"),
    Column("credit_code", gettext_lazy("统一社会信用代码"), ("credit_code",), "credit_code"),
    Column("kind", gettext_lazy("主体类型"), ("kind",), "get_kind_display"),
    Column("region", gettext_lazy("所在区域"), ("region__code",), "region.name"),
    Column("state", gettext_lazy("状态")),
)


@login_required
def contractor_pick(request):
    """JSON for the contractor picker in bids, sanctions and takeover plans (issue 14): registered contractors whose
    name contains `q` or whose credit code starts with it. The register is the province's (any registered
    contractor may bid; 粤民发〔2018〕170号 一(三)), for users who act somewhere."""
    if not acts_somewhere(request.user):
        return JsonResponse({"code": "permission_denied", "detail": _("您没有可操作的区域")}, status=403)
    return JsonResponse({"results": contractor_search(request.GET.get("q", "")[:50], today())})


@login_required
@access.acting_required()
def contractor_create(request):
    form = ContractorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, contractor = run_service(
            request,
            lambda: services.contractor_create(actor=request.user, **form.cleaned_data),
            success=_("承接主体已登记"),
            form=form,
        )
        if ok:
            return redirect("procurement:contractor_detail", pk=contractor.pk)
    return render(request, "procurement/contractor_form.html", {"form": form})


def _contractor(request, pk: int) -> Contractor:
    return get_object_or_404(Contractor.objects.visible_to(request.user).select_related("region"), pk=pk)


@login_required
def contractor_detail(request, pk: int):
    contractor = _contractor(request, pk)
    # reviews and sanctions scoped like the sanctions list (issue 12 item 8); the debarment flag stays province-wide
    reviews = (
        EligibilityReview.objects.visible_to(request.user)
        .filter(contractor=contractor)
        .select_related("region", "reviewer")
    )
    reviews = reviews.prefetch_related("conditions")
    contracts = (
        Contract.objects.visible_to(request.user).filter(contractor=contractor).select_related("project")
    )
    bids = Bid.objects.visible_to(request.user).filter(contractor=contractor).select_related("project")
    sanctions = (
        Sanction.objects.visible_to(request.user).filter(contractor=contractor).select_related("region")
    )
    can_act = access.has_role(request.user, contractor.region.code) or acts_somewhere(request.user)
    return render(
        request,
        "procurement/contractor_detail.html",
        {
            "contractor": contractor,
            "reviews": reviews,
            "contracts": contracts,
            "bids": bids,
            "sanctions": sanctions,
            "debarred": bool(debarred_contractor_ids([contractor.pk], today())),
            "review_form": ReviewForm() if can_act else None,
        },
    )


@login_required
@require_POST
def review_add(request, pk: int):
    contractor = _contractor(request, pk)
    form = ReviewForm(request.POST, request.FILES)
    if form.is_valid():
        data = {
            k: form.cleaned_data[k] for k in ("region", "work_kind", "reviewed_on", "valid_until", "note")
        }
        run_service(
            request,
            lambda: services.review_create(
                actor=request.user, contractor=contractor, conditions=form.conditions(), **data
            ),
            success=_("资格审查已登记"),
        )
    else:
        form_errors(request, form)
    return redirect("procurement:contractor_detail", pk=pk)


@login_required
def evidence_file(request, pk: int):
    """An uploaded evidence document, for users who see the reviewing region."""
    row = get_object_or_404(ReviewCondition.objects.visible_to(request.user), pk=pk)
    if not row.evidence_file:
        raise Http404
    return FileResponse(row.evidence_file.open("rb"), as_attachment=True)


@login_required
def bid_document(request, pk: int):
    bid = get_object_or_404(Bid.objects.visible_to(request.user), pk=pk)
    if not bid.document:
        raise Http404
    return FileResponse(bid.document.open("rb"), as_attachment=True)


@login_required
def catalogue(request):
    """The guidance catalogue with the government-only items, the local conditions, and the forms to add both."""
    form = CatalogueItemForm(request.POST or None, prefix="item")
    condition_form = LocalConditionForm(request.POST or None, prefix="cond")
    if request.method == "POST":
        if "item-code" in request.POST and form.is_valid():
            run_service(
                request,
                lambda: services.catalogue_item_create(actor=request.user, **form.cleaned_data),
                success=_("地方目录项已添加"),
                form=form,
            )
        elif "cond-text" in request.POST and condition_form.is_valid():
            run_service(
                request,
                lambda: services.local_condition_publish(actor=request.user, **condition_form.cleaned_data),
                success=_("本地承接条件已公开"),
                form=condition_form,
            )
        if not (form.errors or condition_form.errors):
            return redirect("procurement:catalogue")
    items = catalogue_visible_to(request.user).select_related("region")
    conditions = LocalCondition.objects.visible_to(request.user).select_related("region")
    can_act = acts_somewhere(request.user)
    return render(
        request,
        "procurement/catalogue.html",
        {
            "items": items,
            "conditions": conditions,
            "form": form if can_act else None,
            "condition_form": condition_form if can_act else None,
            "history": reference_history(request.user, [CatalogueItem, LocalCondition]),
        },
    )
