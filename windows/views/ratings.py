"""好差评 pages (国办发〔2019〕51号): the tablet page at the window keyed to a case, the county's figures and the
follow-up of bad ratings (call-back, rectification, appeal, the outcome told to the applicant)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, StepPanel, refused_status, run_service
from core.workflow import allowed_actions

from .. import rules, selectors, services
from ..choices import FollowUpAction, RatingChannel
from ..filters import FollowUpFilterSet
from ..forms import FOLLOW_UP_FORMS, RatingForm
from .cases import _get_case


@login_required
def rate_at_window(request, number):
    """The tablet at the window: the applicant taps a grade (and may write a comment) for their finished case."""
    case = _get_case(request, number)
    form = RatingForm(request.POST or None)
    done = False
    if request.method == "POST" and form.is_valid():
        done, _rating = run_service(
            request,
            lambda: services.rating_submit(
                actor=request.user, case=case, channel=RatingChannel.WINDOW, **form.cleaned_data
            ),
            form=form,
        )
    rated = hasattr(case, "rating") if not done else True
    return render(request, "windows/rate.html", {"case": case, "form": form, "done": done, "rated": rated})


def _first_responder(f) -> str:
    person = f.rating.first_responder
    return (person.get_full_name() or person.get_username()) if person else ""


#: the follow-ups of bad ratings (issue 14): sortable headers and the Excel export of the filtered view (no
#: applicant data: the case number, the grade and the staff)
FOLLOW_UP_COLUMNS = (
    Column("case", gettext_lazy("事项编号"), ("rating__case__number",), "rating.case.number"),
    Column("grade", gettext_lazy("评价"), ("rating__grade",), "rating.get_grade_display"),
    Column("window", gettext_lazy("窗口"), ("rating__window__name",), "rating.window.name"),
    Column(
        "first_responder",
        gettext_lazy("首问负责人"),
        ("rating__first_responder__first_name",),
        _first_responder,
    ),
    Column("status", gettext_lazy("状态"), ("status",), "get_status_display"),
    Column("callback_due", gettext_lazy("回访期限"), ("callback_due",), "callback_due"),
    Column("rectification_due", gettext_lazy("整改期限"), ("rectification_due",), "rectification_due"),
)


@login_required
def ratings(request):
    """Figures per window, township or county and the follow-ups of bad ratings."""
    by = request.GET.get("by", "township")
    if by not in selectors.RATING_GROUPS:
        by = "township"
    follow_ups = selectors.follow_up_list(request.user).order_by("status", "callback_due", "id")
    filterset = FollowUpFilterSet(request.GET or None, queryset=follow_ups)
    listing = Listing(request, filterset.qs, FOLLOW_UP_COLUMNS)
    if listing.wants_export:
        return listing.export(_("差评回访整改") + ".xlsx", _("差评回访整改"))
    context = {
        "by": by,
        "figures": selectors.rating_figures(request.user, by),
        "filter": filterset,
        "listing": listing,
        "page": listing.page,
    }
    return render(request, "windows/ratings.html", context)


def _get_follow_up(request, pk):
    return get_object_or_404(selectors.follow_up_list(request.user), pk=pk)


@login_required
def follow_up_detail(request, pk):
    return _render_follow_up(request, _get_follow_up(request, pk))


def _render_follow_up(request, follow_up, bound=None, status: int = 200):
    """`bound` = (action, form) re-shows a step's form as posted, open, with its errors (issue 14)."""
    steps = [
        StepPanel(
            action,
            FollowUpAction(action).label,
            bound[1] if bound and bound[0] == action else FOLLOW_UP_FORMS[action](prefix=action),
            reverse("windows:follow_up_step", args=[follow_up.pk, action]),
            open=bool(bound and bound[0] == action),
        )
        for action in allowed_actions(rules.FOLLOW_UP_TRANSITIONS, follow_up.status)
    ]
    return render(request, "windows/follow_up_detail.html", {"f": follow_up, "steps": steps}, status=status)


@login_required
@require_POST
def follow_up_step(request, pk, action):
    follow_up = _get_follow_up(request, pk)
    if action not in FOLLOW_UP_FORMS:
        raise Http404
    form = FOLLOW_UP_FORMS[action](request.POST, prefix=action)
    if form.is_valid():
        service = services.FOLLOW_UP_STEPS[action]
        ok, _done = run_service(
            request,
            lambda: service(actor=request.user, follow_up=follow_up, **form.cleaned_data),
            success=_("{action}：已完成").format(action=FollowUpAction(action).label),
            form=form,
        )
        if ok:
            return redirect("windows:follow_up_detail", pk=pk)
        follow_up.refresh_from_db()
    return _render_follow_up(request, follow_up, bound=(action, form), status=refused_status(request))
