"""好差评 pages (国办发〔2019〕51号): the tablet page at the window keyed to a case, the county's figures and the
follow-up of bad ratings (call-back, rectification, appeal, the outcome told to the applicant)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.web import StepPanel, paginate, refused_status, run_service
from core.workflow import allowed_actions

from .. import rules, selectors, services
from ..choices import FollowUpAction, RatingChannel
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


@login_required
def ratings(request):
    """Figures per window, township or county and the follow-ups of bad ratings."""
    by = request.GET.get("by", "township")
    if by not in selectors.RATING_GROUPS:
        by = "township"
    follow_ups = selectors.follow_up_list(request.user).order_by("status", "callback_due", "id")
    status = request.GET.get("status")
    if status:
        follow_ups = follow_ups.filter(status=status)
    return render(
        request,
        "windows/ratings.html",
        {
            "by": by,
            "figures": selectors.rating_figures(request.user, by),
            "page": paginate(request, follow_ups),
        },
    )


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
            success=f"{FollowUpAction(action).label}：已完成",
            form=form,
        )
        if ok:
            return redirect("windows:follow_up_detail", pk=pk)
        follow_up.refresh_from_db()
    return _render_follow_up(request, follow_up, bound=(action, form), status=refused_status(request))
