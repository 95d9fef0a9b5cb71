"""Pages of supervision by upper levels (粤民发〔2018〕170号 一(七)): list, detail with its steps, issuing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, StepPanel, run_service
from core.workflow import allowed_actions
from regions import access

from .. import services
from ..choices import InstructionStatus
from ..filters import InstructionFilterSet
from ..forms import AnswerForm, IssueForm, ReviewForm
from ..rules import INSTRUCTION_TRANSITIONS
from ..selectors import can_issue, instructions_visible, panel, target_for, target_url
from ..services.instructions import COUNTY_ROLES

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

STEPS: dict[str, tuple[StrOrPromise, type[forms.Form], Callable[..., Any]]] = {
    "answer": (gettext_lazy("回复整改"), AnswerForm, services.instruction_answer),
    "return": (gettext_lazy("退回重改"), ReviewForm, services.instruction_return),
    "close": (gettext_lazy("办结"), ReviewForm, services.instruction_close),
}


#: the instruction list's columns: sortable headers and the Excel export of the filtered list (issue 14)
INSTRUCTION_COLUMNS = (
    Column("created", gettext_lazy("下达时间"), ("created_at",), "created_at"),
    Column("kind", gettext_lazy("类别"), ("kind",), "get_kind_display"),
    Column("target", gettext_lazy("督导对象"), (), "target_label"),
    Column("region", gettext_lazy("对象区划"), ("region_code",), "region_code"),
    Column("deadline", gettext_lazy("整改期限"), ("deadline",), "deadline"),
    Column("status", gettext_lazy("状态"), ("status",), "get_status_display"),
    Column("returned", gettext_lazy("退回次数"), ("returned_count",), "returned_count", css="num"),
)


@login_required
def instruction_list(request):
    """Instructions in scope: `?status=&region=`; with `?kind=&id=`, the supervision of that one object."""
    qs = InstructionFilterSet(request.GET, queryset=instructions_visible(request.user)).qs
    qs = qs.order_by("-created_at", "-id")
    status, region = request.GET.get("status") or "", (request.GET.get("region") or "").strip()
    listing = Listing(request, qs, INSTRUCTION_COLUMNS)
    if listing.wants_export:
        return listing.export(_("督导意见.xlsx"), _("督导意见"))
    context = {"listing": listing, "page": listing.page, "status": status, "region": region}
    context["statuses"] = InstructionStatus.choices
    if request.GET.get("kind"):
        # the supervision of one object (a region's page links here): its instructions and the issue button
        target = target_for(request.user, request.GET["kind"], request.GET.get("id", ""))
        context.update(target=target, supervision=panel(request.user, target))
    return render(request, "supervision/instruction_list.html", context)


def _panels(request, instruction) -> list[StepPanel]:
    code = instruction.region_code
    may = {
        "answer": access.has_role(request.user, code, COUNTY_ROLES),
        "return": can_issue(request.user, instruction.issuer_region_code),
        "close": can_issue(request.user, instruction.issuer_region_code),
    }
    return [
        StepPanel(action, STEPS[action][0], STEPS[action][1](), f"/supervision/{instruction.pk}/{action}/")
        for action in allowed_actions(INSTRUCTION_TRANSITIONS, instruction.status)
        if may[action]
    ]


@login_required
def instruction_detail(request, pk: int):
    instruction = get_object_or_404(instructions_visible(request.user), pk=pk)
    return render(
        request,
        "supervision/instruction_detail.html",
        {
            "i": instruction,
            "events": instruction.events.select_related("actor"),
            "panels": _panels(request, instruction),
            "target_url": target_url(instruction),
        },
    )


@login_required
@require_POST
def instruction_step(request, pk: int, action: str):
    if action not in STEPS:
        raise Http404
    instruction = get_object_or_404(instructions_visible(request.user), pk=pk)
    label, form_class, service = STEPS[action]
    form = form_class(request.POST)
    data = form.cleaned_data if form.is_valid() else {k: request.POST.get(k, "") for k in form.fields}
    run_service(
        request, lambda: service(actor=request.user, instruction=instruction, **data), success=str(label)
    )
    return redirect("supervision:detail", pk=pk)


@login_required
def instruction_issue(request):
    """Issue an inspection or instruction on `?kind=&id=` (a county's project, contract, window or region)."""
    target = target_for(request.user, request.GET.get("kind", ""), request.GET.get("id", ""))
    form = IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, made = run_service(
            request,
            lambda: services.instruction_issue(actor=request.user, target=target, **form.cleaned_data),
            success=_("督导意见已下达"),
            form=form,
        )
        if ok:
            return redirect("supervision:detail", pk=made.pk)
    return render(request, "supervision/instruction_form.html", {"form": form, "target": target})
