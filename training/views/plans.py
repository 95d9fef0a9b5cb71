"""Pages for plans and sessions: the calendar per organiser and year, session pages and their forms."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, form_errors, run_service
from core.workflow import allowed_actions
from regions import access

from .. import services
from ..choices import ORGANISER_LEVELS
from ..filters import TrainingSessionFilterSet
from ..forms import CancelForm, FinaliseForm, PlanForm, PlannedTrainingForm, SessionForm
from ..models import PlannedTraining, TrainingPlan, TrainingSession
from ..rules import SESSION_TRANSITIONS
from ..selectors import plan_calendar, visible_region


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


@login_required
def index(request):
    """The plan calendar of an organiser (?region=&year=), with the plans of the organisers below it."""
    region = visible_region(request.user, request.GET.get("region"))
    year = _year(request)
    context = {"region": region, "year": year, "years": range(year - 2, year + 2)}
    if region is not None and region.level in ORGANISER_LEVELS:
        context.update(plan_calendar(request.user, region, year))
        context["can_act"] = access.has_role(request.user, region.code)
        context["item_form"] = PlannedTrainingForm()
        context["finalise_form"] = FinaliseForm()
    return render(request, "training/calendar.html", context)


@login_required
@access.acting_required()
def plan_create(request):
    form = PlanForm(request.POST or None, user=request.user, initial={"year": _year(request)})
    if request.method == "POST" and form.is_valid():
        ok, plan = run_service(
            request,
            lambda: services.plan_create(actor=request.user, **form.cleaned_data),
            success=_("年度计划已创建"),
            form=form,
        )
        if ok:
            return redirect(f"{reverse('training:index')}?region={plan.region.code}&year={plan.year}")
    return render(request, "training/plan_form.html", {"form": form})


@login_required
@require_POST
def planned_training_add(request, pk: int):
    plan = get_object_or_404(TrainingPlan.objects.visible_to(request.user).select_related("region"), pk=pk)
    form = PlannedTrainingForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.planned_training_create(actor=request.user, plan=plan, **form.cleaned_data),
            success=_("已加入年度计划"),
        )
    else:
        form_errors(request, form)
    return redirect(f"{reverse('training:index')}?region={plan.region.code}&year={plan.year}")


@login_required
@require_POST
def plan_finalise(request, pk: int):
    """Mark a plan final (all three required types, or a recorded reason: 粤民发〔2018〕170号 二(五))."""
    plan = get_object_or_404(TrainingPlan.objects.visible_to(request.user).select_related("region"), pk=pk)
    form = FinaliseForm(request.POST)
    form.is_valid()
    run_service(
        request,
        lambda: services.plan_finalise(
            actor=request.user, plan=plan, reason=form.cleaned_data.get("reason", "")
        ),
        success=_("年度计划已定稿"),
    )
    return redirect(f"{reverse('training:index')}?region={plan.region.code}&year={plan.year}")


@login_required
@require_POST
def planned_training_delete(request, pk: int):
    item = get_object_or_404(
        PlannedTraining.objects.visible_to(request.user).select_related("plan__region"), pk=pk
    )
    plan = item.plan
    run_service(
        request,
        lambda: services.planned_training_delete(actor=request.user, item=item),
        success=_("已从年度计划删除"),
    )
    return redirect(f"{reverse('training:index')}?region={plan.region.code}&year={plan.year}")


@login_required
def session_list(request):
    qs = (
        TrainingSession.objects.visible_to(request.user)
        .select_related("region")
        .order_by("-starts_at", "-id")
    )
    filterset = TrainingSessionFilterSet(request.GET, queryset=qs)
    listing = Listing(request, filterset.qs, SESSION_COLUMNS)
    if listing.wants_export:
        return listing.export(_("培训班.xlsx"), _("培训班"))
    context = {"filter": filterset, "listing": listing, "page": listing.page}
    return render(request, "training/session_list.html", context)


#: the session list's columns: sortable headers and the Excel export of the filtered list (issue 14)
SESSION_COLUMNS = (
    Column("starts", gettext_lazy("日期"), ("starts_at",), "starts_at"),
    Column("title", gettext_lazy("培训班"), ("title",), "title"),
    Column("region", gettext_lazy("组织单位"), ("region__code",), "region.name"),
    Column("type", gettext_lazy("类别"), ("training_type",), "get_training_type_display"),
    Column("form", gettext_lazy("形式"), ("form",), "get_form_display"),
    Column("hours", gettext_lazy("学时"), ("hours",), "hours", css="num"),
    Column("status", gettext_lazy("状态"), ("status",), "get_status_display"),
)


@login_required
def session_create(request, pk: int):
    plan = get_object_or_404(TrainingPlan.objects.visible_to(request.user).select_related("region"), pk=pk)
    access.require_role(request.user, plan.region.code)
    planned = None
    if request.GET.get("planned"):
        planned = get_object_or_404(PlannedTraining, pk=request.GET["planned"], plan=plan)
    initial = {}
    if planned is not None:
        initial = {"title": planned.title, "training_type": planned.training_type, "form": planned.form}
    form = SessionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        ok, session = run_service(
            request,
            lambda: services.session_create(
                actor=request.user, plan=plan, planned=planned, **form.cleaned_data
            ),
            success=_("培训班已安排"),
            form=form,
        )
        if ok:
            return redirect("training:session", pk=session.pk)
    return render(request, "training/session_form.html", {"form": form, "plan": plan, "planned": planned})


@login_required
def session_edit(request, pk: int):
    session = get_object_or_404(
        TrainingSession.objects.visible_to(request.user).select_related("plan", "region"), pk=pk
    )
    access.require_role(request.user, session.region.code)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        session.refresh_from_db()
        ok, _outcome = run_service(
            request,
            lambda: services.session_update(actor=request.user, session=session, **changes),
            success=_("已保存"),
            form=form,
        )
        if ok:
            return redirect("training:session", pk=session.pk)
    return render(
        request, "training/session_form.html", {"form": form, "plan": session.plan, "session": session}
    )


def session_context(request, session: TrainingSession) -> dict:
    return {
        "session": session,
        "actions": allowed_actions(SESSION_TRANSITIONS, session.status),
        "can_act": access.has_role(request.user, session.region.code),
        "cancel_form": CancelForm(),
    }


@login_required
@require_POST
def session_complete(request, pk: int):
    session = get_object_or_404(
        TrainingSession.objects.visible_to(request.user).select_related("plan", "region"), pk=pk
    )
    run_service(
        request,
        lambda: services.session_complete(actor=request.user, session=session),
        success=_("培训班已结业"),
    )
    return redirect("training:session", pk=pk)


@login_required
@require_POST
def session_cancel(request, pk: int):
    session = get_object_or_404(
        TrainingSession.objects.visible_to(request.user).select_related("plan", "region"), pk=pk
    )
    form = CancelForm(request.POST)
    reason = form.data.get("reason", "")
    run_service(
        request,
        lambda: services.session_cancel(actor=request.user, session=session, reason=reason),
        success=_("培训班已取消"),
    )
    return redirect("training:session", pk=pk)
