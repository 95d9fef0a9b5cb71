"""Worker roster, detail with posting history, and the posting steps (create, reassign, leave; the roster
download is in views/exports.py)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, form_errors, run_service
from regions import access

from .. import selectors
from ..filters import WorkerFilterSet
from ..forms import LeaveForm, ReassignForm, WorkerEditForm, WorkerForm
from ..models import Worker
from ..services import worker_create, worker_leave, worker_reassign, worker_update


@login_required
def worker_list(request):
    """The roster of the user's scope, filtered by region, name, post, employment and status."""
    filterset = WorkerFilterSet(request.GET or None, queryset=selectors.roster(request.user))
    listing = Listing(request, filterset.qs, WORKER_COLUMNS)  # the Excel export is staffing:worker_export
    can_add = access.acts_somewhere(request.user)
    context = {"filter": filterset, "listing": listing, "page": listing.page, "can_add": can_add}
    return render(request, "staffing/worker_list.html", context)


#: the roster's sortable columns (issue 14); its export of the filtered roster is exports.worker_export
WORKER_COLUMNS = (
    Column("name", gettext_lazy("姓名"), ("name",)),
    Column("id_number", gettext_lazy("身份证号")),
    Column("region", gettext_lazy("任职区域"), ("region__code",)),
    Column("post", gettext_lazy("岗位"), ("post",)),
    Column("employment", gettext_lazy("用工方式"), ("employment",)),
    Column("education", gettext_lazy("学历"), ("education",)),
    Column("start", gettext_lazy("入职日期"), ("start_date",)),
    Column("status", gettext_lazy("状态"), ("status",)),
)


@login_required
def worker_detail(request, pk: int):
    worker = get_object_or_404(Worker.objects.visible_to(request.user).select_related("region"), pk=pk)
    postings = worker.postings.select_related("region", "created_by").order_by("-started_on", "-pk")
    can_act = access.has_role(request.user, worker.region.code) and worker.status == "active"
    return render(
        request,
        "staffing/worker_detail.html",
        {
            "worker": worker,
            "postings": postings,
            "dispatched_without_round": selectors.is_dispatched_without_round(worker),
            "can_act": can_act,
            "can_edit": access.has_role(request.user, worker.region.code),
            "reassign_form": ReassignForm(user=request.user),
            "leave_form": LeaveForm(),
        },
    )


@login_required
@access.acting_required()
def worker_create_view(request):
    form = WorkerForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "region"}
        if data.get("birth_date") is None:
            data.pop("birth_date", None)
        if data.get("start_date") is None:
            data.pop("start_date", None)
        ok, worker = run_service(
            request,
            lambda: worker_create(actor=request.user, region=form.cleaned_data["region"], **data),
            success=_("已登记人员"),
            form=form,
        )
        if ok:
            return redirect("staffing:worker_detail", pk=worker.pk)
    return render(request, "staffing/worker_form.html", {"form": form})


@login_required
@require_POST
def worker_reassign_view(request, pk: int):
    worker = get_object_or_404(Worker.objects.visible_to(request.user).select_related("region"), pk=pk)
    form = ReassignForm(request.POST, user=request.user)
    if form.is_valid():
        run_service(
            request,
            lambda: worker_reassign(
                actor=request.user,
                worker=worker,
                to_region=form.cleaned_data["to_region"],
                post=form.cleaned_data["post"] or None,
                reason=form.cleaned_data["reason"],
                on=form.cleaned_data["on"],
            ),
            success=_("已调整岗位"),
        )
    else:
        form_errors(request, form)
    return redirect("staffing:worker_detail", pk=worker.pk)


@login_required
@require_POST
def worker_leave_view(request, pk: int):
    worker = get_object_or_404(Worker.objects.visible_to(request.user).select_related("region"), pk=pk)
    form = LeaveForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: worker_leave(actor=request.user, worker=worker, **form.cleaned_data),
            success=_("已记录"),
        )
    else:
        form_errors(request, form)
    return redirect("staffing:worker_detail", pk=worker.pk)


@login_required
def worker_edit(request, pk: int):
    """Edit personal and qualification fields (acting role on the worker's region)."""
    worker = get_object_or_404(Worker.objects.visible_to(request.user).select_related("region"), pk=pk)
    access.require_role(request.user, worker.region.code)
    form = WorkerEditForm(request.POST or None, instance=worker)
    if request.method == "POST" and form.is_valid():
        ok, _result = run_service(
            request,
            lambda: worker_update(actor=request.user, worker=worker, **form.changes()),
            success=_("已保存"),
            form=form,
        )
        if ok:
            return redirect("staffing:worker_detail", pk=worker.pk)
    return render(request, "staffing/worker_form.html", {"form": form, "worker": worker})
