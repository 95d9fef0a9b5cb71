"""Pages for sanctions and debarment (粤民发〔2018〕170号 一(七)): the list and the decision form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.web import form_errors, paginate, run_service

from .. import services
from ..filters import SanctionFilterSet
from ..forms import SanctionForm
from ..models import Contract, Sanction
from ..services.common import today
from .common import acts_somewhere


@login_required
def sanction_list(request):
    qs = Sanction.objects.visible_to(request.user).select_related("contractor", "region", "contract")
    filterset = SanctionFilterSet(request.GET, queryset=qs)
    page = paginate(request, filterset.qs)
    form = SanctionForm(prefix="s") if acts_somewhere(request.user) else None
    return render(
        request,
        "procurement/sanction_list.html",
        {"filter": filterset, "page": page, "form": form, "today": today()},
    )


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
