"""Pages for projects: list, create, detail with stage, what is missing and the event timeline, and the steps."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, StepPanel, form_errors, refused_status, run_service
from regions import access
from supervision.selectors import panel as supervision_panel

from .. import services
from ..filters import ProjectFilterSet
from ..forms import STEP_FORMS, PlatformForm, PublishForm
from ..models import Project, ProjectEvent
from ..project_forms import ProjectForm
from ..rules import ACTION_LABELS, PROJECT_TRANSITIONS
from ..selectors import project_blockers, response_period_message
from .common import acts_somewhere

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


STEP_SERVICES: dict[str, Callable[..., Any]] = {
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


def _form_kwargs(action: str, pk: int) -> dict[str, Any]:
    if action == "publish":
        return {"check_url": reverse("procurement:project_period_check", args=[pk])}
    return {}


def project_for(request, pk: int) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user).select_related("purchaser"), pk=pk)


@login_required
def index(request):
    """Projects in scope, filterable by stage, method, year, region, title."""
    qs = Project.objects.visible_to(request.user).select_related("purchaser").order_by("-year", "-id")
    filterset = ProjectFilterSet(request.GET, queryset=qs)
    listing = Listing(request, filterset.qs, PROJECT_COLUMNS)  # the Excel export is exports.export_projects
    context = {"filter": filterset, "listing": listing, "page": listing.page}
    return render(
        request, "procurement/project_list.html", {**context, "can_act": acts_somewhere(request.user)}
    )


#: the project list's sortable columns (issue 14)
PROJECT_COLUMNS = (
    Column("year", gettext_lazy("年度"), ("year",)),
    Column("title", gettext_lazy("项目名称"), ("title",)),
    Column("purchaser", gettext_lazy("购买主体"), ("purchaser__code",)),
    Column("method", gettext_lazy("采购方式"), ("method",)),
    Column("budget", gettext_lazy("预算（元）"), ("budget",), css="num"),
    Column("status", gettext_lazy("阶段"), ("status",)),
    Column("announced", gettext_lazy("公告日期"), ("announced_on",)),
)


@login_required
@access.acting_required()
def project_create(request):
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        ok, project = run_service(
            request,
            lambda: services.project_create(actor=request.user, **form.service_kwargs()),
            success=_("项目已创建"),
            form=form,
        )
        if ok:
            return redirect("procurement:project_detail", pk=project.pk)
    return render(request, "procurement/project_form.html", {"form": form})


@login_required
def project_detail(request, pk: int):
    return _render_project(request, project_for(request, pk))


def _render_project(request, project, bound=None, status: int = 200):
    """The project page; `bound` = (action, form) re-shows a step's form as posted, open, with its errors."""
    pk = project.pk
    events = ProjectEvent.objects.filter(project=project).select_related("actor")
    allowed = [a for (state, a) in PROJECT_TRANSITIONS if state == project.status and a in PAGE_STEPS]
    can_act = access.has_role(request.user, project.purchaser.code)
    steps = (
        [
            StepPanel(
                a,
                ACTION_LABELS[a],
                bound[1] if bound and bound[0] == a else STEP_FORMS[a](prefix=a, **_form_kwargs(a, pk)),
                reverse("procurement:project_step", args=[pk, a]),
                open=bool(bound and bound[0] == a),
            )
            for a in allowed
        ]
        if can_act
        else []
    )
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
            "steps": steps,
            "contracts": contracts,
            "platform_form": PlatformForm(initial={f: getattr(project, f) for f in PlatformForm.base_fields})
            if can_act
            else None,
            "can_act": can_act,
            "action_labels": ACTION_LABELS,
            "thresholds": services.thresholds_for(project.purchaser.code, project.year),
            "supervision": supervision_panel(request.user, project),
        },
        status=status,
    )


@login_required
@require_POST
def project_platform(request, pk: int):
    """Record the provincial procurement cloud platform's project number and notice links."""
    project = project_for(request, pk)
    form = PlatformForm(request.POST)
    if not form.is_valid():
        form_errors(request, form)
        return redirect("procurement:project_detail", pk=pk)
    run_service(
        request,
        lambda: services.project_platform_set(actor=request.user, project=project, **form.cleaned_data),
        success=_("采购云平台信息已保存"),
    )
    return redirect("procurement:project_detail", pk=pk)


@login_required
@require_POST
def project_step(request, pk: int, action: str):
    project = project_for(request, pk)
    if action not in PAGE_STEPS:
        raise Http404
    form = STEP_FORMS[action](request.POST, request.FILES or None, prefix=action, **_form_kwargs(action, pk))
    if form.is_valid():
        service = STEP_SERVICES[action]
        ok, _done = run_service(
            request,
            lambda: service(actor=request.user, project=project, **form.cleaned_data),
            success=_("{value}：已完成").format(value=ACTION_LABELS[action]),
            form=form,
        )
        if ok:
            return redirect("procurement:project_detail", pk=pk)
        project.refresh_from_db()
    # every typed value stays, the step stays open, the errors sit at their fields (issue 14)
    return _render_project(request, project, bound=(action, form), status=refused_status(request))


@login_required
def project_period_check(request, pk: int):
    """htmx: while the publish dates are typed, say whether the response period is long enough (domain.md 12)."""
    project = project_for(request, pk)
    form = PublishForm(request.GET, prefix="publish")
    message = ""
    if form.is_valid() and form.cleaned_data["bid_deadline"]:
        announced_on = form.cleaned_data["announced_on"] or timezone.localdate()
        message = (
            response_period_message(project.method, announced_on, form.cleaned_data["bid_deadline"]) or ""
        )
    return render(request, "procurement/_period_check.html", {"message": message, "checked": form.is_valid()})
