"""Pages for sanctions and debarment (粤民发〔2018〕170号 一(七)): the list and the decision form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, form_errors, run_service

from .. import services
from ..filters import SanctionFilterSet
from ..forms import SanctionForm
from ..models import Contract, Sanction
from ..services.common import today
from .common import acts_somewhere

#: the sanctions list (issue 14): sortable headers and the Excel export of the filtered view
SANCTION_COLUMNS = (
    Column("decided", gettext_lazy("决定日期"), ("decided_on",), "decided_on"),
    Column("contractor", gettext_lazy("承接主体"), ("contractor__name",), "contractor.name"),
    Column("credit_code", gettext_lazy("统一社会信用代码"), (), "contractor.credit_code", shown=False),
    Column("region", gettext_lazy("处理机关区域"), ("region__code",), "region.name"),
    Column("kind", gettext_lazy("类型"), ("kind",), "get_kind_display"),
    Column(
        "terminates",
        gettext_lazy("终止合同"),
        (),
        lambda s: _("是") if s.terminates_contract else _("否"),
        shown=False,
    ),
    Column("reason", gettext_lazy("事实与理由"), (), "reason"),
    Column("penalty", gettext_lazy("罚款（元）"), ("penalty",), "penalty", css="num"),
    Column("debar", gettext_lazy("禁入期"), ("debar_from", "debar_to")),
    Column("debar_from", gettext_lazy("禁入起始日期"), (), "debar_from", shown=False),
    Column("debar_to", gettext_lazy("禁入截止日期"), (), "debar_to", shown=False),
    Column("contract", gettext_lazy("相关合同"), ("contract__number",), "contract.number"),
)


@login_required
def sanction_list(request):
    qs = Sanction.objects.visible_to(request.user).select_related("contractor", "region", "contract")
    filterset = SanctionFilterSet(request.GET, queryset=qs)
    listing = Listing(request, filterset.qs, SANCTION_COLUMNS)
    if listing.wants_export:
        return listing.export(_("处罚与禁入.xlsx"), _("处罚与禁入"))
    form = SanctionForm(prefix="s") if acts_somewhere(request.user) else None
    context = {"filter": filterset, "listing": listing, "page": listing.page, "form": form, "today": today()}
    return render(request, "procurement/sanction_list.html", context)


@login_required
@require_POST
def sanction_add(request):
    form = SanctionForm(request.POST, prefix="s")
    contract = None
    if request.POST.get("contract"):
        contract = get_object_or_404(Contract.objects.visible_to(request.user), pk=request.POST["contract"])
    if form.is_valid():
        run_service(
            request,
            lambda: services.sanction_open(actor=request.user, contract=contract, **form.cleaned_data),
            success=_("处罚决定已登记"),
        )
    else:
        form_errors(request, form)
    if contract is not None:
        return redirect("procurement:contract_detail", pk=contract.pk)
    return redirect("procurement:sanction_list")
