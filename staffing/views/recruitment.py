"""Recruitment rounds: list and create, a round with its posts and ranked candidates, and the steps."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, form_errors, run_service
from regions import access

from .. import services
from ..filters import RoundFilterSet
from ..forms import CandidateForm, PostForm, RoundForm
from ..models import Candidate, RecruitmentPost, RecruitmentRound


def _round(request, pk: int) -> RecruitmentRound:
    return get_object_or_404(
        RecruitmentRound.objects.visible_to(request.user).select_related("region"), pk=pk
    )


#: the rounds list (issue 14): sortable headers and the Excel export of the filtered view
ROUND_COLUMNS = (
    Column("title", gettext_lazy("名称"), ("title",), "title"),
    Column("region", gettext_lazy("县（市、区）"), ("region__code",), "region.name"),
    Column("date", gettext_lazy("招聘日期"), ("round_date",), "round_date"),
    Column("agency", gettext_lazy("派遣机构"), ("dispatching_org_name",), "dispatching_org_name"),
    Column("status", gettext_lazy("状态"), ("status",), "get_status_display"),
)


@login_required
def round_list(request):
    rounds = RecruitmentRound.objects.visible_to(request.user).select_related("region")
    filterset = RoundFilterSet(request.GET or None, queryset=rounds)
    listing = Listing(request, filterset.qs, ROUND_COLUMNS)
    if listing.wants_export and request.method == "GET":
        return listing.export(_("招聘批次.xlsx"), _("招聘批次"))
    form = RoundForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        ok, created = run_service(
            request,
            lambda: services.round_create(actor=request.user, **form.cleaned_data),
            success=_("已创建招聘批次"),
            form=form,
        )
        if ok:
            return redirect("staffing:round_detail", pk=created.pk)
    context = {"filter": filterset, "listing": listing, "page": listing.page, "form": form}
    return render(request, "staffing/round_list.html", context)


@login_required
def round_detail(request, pk: int):
    round = _round(request, pk)
    posts = list(round.posts.select_related("region"))
    hired = {p.pk: 0 for p in posts}
    for post_id in round.candidates.filter(hired_post__isnull=False).values_list("hired_post_id", flat=True):
        hired[post_id] = hired.get(post_id, 0) + 1
    for p in posts:
        p.hired = hired.get(p.pk, 0)  # type: ignore[attr-defined]  # shown beside each post
    candidates = round.candidates.select_related("worker", "hired_post__region")
    return render(
        request,
        "staffing/round_detail.html",
        {
            "round": round,
            "posts": posts,
            "open_posts": [p for p in posts if hired.get(p.pk, 0) < p.openings],
            "candidates": candidates,
            "can_act": access.has_role(request.user, round.region.code),
            "post_form": PostForm(user=request.user),
            "candidate_form": CandidateForm(),
        },
    )


@login_required
@require_POST
def round_post_add_view(request, pk: int):
    round = _round(request, pk)
    form = PostForm(request.POST, user=request.user)
    if form.is_valid():
        run_service(
            request,
            lambda: services.round_post_add(actor=request.user, round=round, **form.cleaned_data),
            success=_("已添加岗位"),
        )
    else:
        form_errors(request, form)
    return redirect("staffing:round_detail", pk=round.pk)


@login_required
@require_POST
def candidate_add_view(request, pk: int):
    round = _round(request, pk)
    form = CandidateForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.candidate_add(actor=request.user, round=round, **form.cleaned_data),
            success=_("已登记报名"),
        )
    else:
        form_errors(request, form)
    return redirect("staffing:round_detail", pk=round.pk)


@login_required
@require_POST
def round_rank_view(request, pk: int):
    round = _round(request, pk)
    run_service(request, lambda: services.round_rank(actor=request.user, round=round), success=_("已排名"))
    return redirect("staffing:round_detail", pk=round.pk)


@login_required
@require_POST
def round_close_view(request, pk: int):
    round = _round(request, pk)
    run_service(
        request, lambda: services.round_close(actor=request.user, round=round), success=_("招聘已结束")
    )
    return redirect("staffing:round_detail", pk=round.pk)


@login_required
@require_POST
def candidate_hire_view(request, pk: int, candidate_pk: int):
    round = _round(request, pk)
    candidate = get_object_or_404(Candidate, round=round, pk=candidate_pk)
    post = get_object_or_404(RecruitmentPost, round=round, pk=request.POST.get("post") or 0)
    run_service(
        request,
        lambda: services.candidate_hire(actor=request.user, candidate=candidate, post=post),
        success=_("已录用 {name}，并登记为经办人员").format(name=candidate.name),
    )
    return redirect("staffing:round_detail", pk=round.pk)


@login_required
@require_POST
def candidate_exception_view(request, pk: int, candidate_pk: int):
    """Admit a candidate without the full-time college degree to the ranking, with the reason (二(二) 原则上)."""
    round = _round(request, pk)
    candidate = get_object_or_404(Candidate, round=round, pk=candidate_pk)
    run_service(
        request,
        lambda: services.candidate_admit_exception(
            actor=request.user, candidate=candidate, reason=request.POST.get("reason", "")
        ),
        success=_("{name} 已破格参加排名，理由已记录").format(name=candidate.name),
    )
    return redirect("staffing:round_detail", pk=round.pk)


@login_required
@require_POST
def candidate_decline_view(request, pk: int, candidate_pk: int):
    round = _round(request, pk)
    candidate = get_object_or_404(Candidate, round=round, pk=candidate_pk)
    run_service(
        request,
        lambda: services.candidate_decline(
            actor=request.user, candidate=candidate, reason=request.POST.get("reason", "")
        ),
        success=_("{name} 已放弃").format(name=candidate.name),
    )
    return redirect("staffing:round_detail", pk=round.pk)
