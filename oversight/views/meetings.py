"""Pages of the joint meeting: meetings (with their minutes served only here), issues and their follow-up."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from core.web import form_errors, paginate, run_service
from regions import access

from .. import rules, services
from ..filters import IssueFilterSet
from ..forms import FollowUpForm, IssueForm, MeetingForm
from ..models import Issue, Meeting


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            form_errors(request, form)
        else:
            ok, meeting = run_service(
                request,
                lambda: services.meeting_create(actor=request.user, **form.cleaned_data),
                success="会议已登记。",
                form=form,
            )
            if ok:
                return redirect("oversight:meeting", pk=meeting.pk)
    meetings = Meeting.objects.visible_to(request.user).select_related("region")
    return render(request, "oversight/meetings.html", {"page": paginate(request, meetings), "form": form})


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(Meeting.objects.visible_to(request.user).select_related("region"), pk=pk)


@login_required
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = IssueForm(request.POST or None, initial={"region": meeting.region.code})
    if request.method == "POST":
        if not form.is_valid():
            form_errors(request, form)
        else:
            ok, _issue = run_service(
                request,
                lambda: services.issue_raise(actor=request.user, meeting=meeting, **form.cleaned_data),
                success="问题已登记。",
                form=form,
            )
            if ok:
                return redirect("oversight:meeting", pk=meeting.pk)
    issues = meeting.issues.visible_to(request.user).select_related("region")
    return render(request, "oversight/meeting.html", {"meeting": meeting, "issues": issues, "form": form})


@login_required
def meeting_minutes(request: HttpRequest, pk: int) -> FileResponse:
    """The minutes of a meeting the user may see (404 otherwise), never from a public media URL."""
    meeting = _meeting(request, pk)
    if not meeting.minutes:
        raise Http404
    return FileResponse(
        meeting.minutes.open("rb"), as_attachment=True, filename=meeting.minutes.name or "minutes"
    )


@login_required
def issue_list(request: HttpRequest) -> HttpResponse:
    visible = Issue.objects.visible_to(request.user).select_related("region", "meeting")
    issues = IssueFilterSet(request.GET, queryset=visible).qs
    status = request.GET.get("status", "")
    return render(request, "oversight/issues.html", {"page": paginate(request, issues), "status": status})


@login_required
def issue_detail(request: HttpRequest, pk: int) -> HttpResponse:
    issue = get_object_or_404(
        Issue.objects.visible_to(request.user).select_related("region", "meeting", "raised_by"), pk=pk
    )
    form = FollowUpForm(request.POST or None)
    if request.method == "POST":
        if not form.is_valid():
            form_errors(request, form)
        else:
            ok, _f = run_service(
                request,
                lambda: services.issue_follow_up(actor=request.user, issue=issue, **form.cleaned_data),
                success="跟踪情况已记录。",
                form=form,
            )
            if ok:
                return redirect("oversight:issue", pk=issue.pk)
    context = {
        "issue": issue,
        "follow_ups": issue.follow_ups.select_related("by"),
        "form": form,
        "can_act": access.has_role(request.user, issue.region.code),
    }
    return render(request, "oversight/issue.html", context)


@login_required
@require_POST
def issue_from_overview(request: HttpRequest) -> HttpResponse:
    """One click on an overview row: an issue carrying the row's figures; then its page."""
    code, period = request.POST.get("region", ""), request.POST.get("period", "")
    if rules.period_error(period):
        raise Http404
    ok, issue = run_service(
        request,
        lambda: services.issue_raise_from_overview(
            actor=request.user, region_code=code, period=period, area=request.POST.get("area", "")
        ),
        success="已根据概览提出问题，请补充说明、责任部门和期限后跟踪。",
    )
    if ok:
        return redirect("oversight:issue", pk=issue.pk)
    return redirect(
        f"{reverse('oversight:index')}?region={code[:-3] if len(code) == 9 else code}&period={period}"
    )
