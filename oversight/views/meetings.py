"""Pages of the joint meeting: meetings (with their minutes served only here), issues and their follow-up."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, form_errors, run_service
from regions import access

from .. import rules, services
from ..filters import IssueFilterSet, MeetingFilterSet
from ..forms import FollowUpForm, IssueForm, MeetingForm
from ..models import Issue, Meeting

#: the meetings list (issue 14): sortable headers and the Excel export of the filtered view
MEETING_COLUMNS = (
    Column("held_on", gettext_lazy("日期"), ("held_on",), "held_on"),
    Column("title", gettext_lazy("会议"), ("title",), "title"),
    Column("region", gettext_lazy("区域"), ("region__code",), "region.name"),
    Column("departments", gettext_lazy("出席部门"), (), lambda m: "、".join(m.department_labels())),
    Column("decisions", gettext_lazy("会议决定"), (), "decisions", shown=False),
)

#: the issues list (issue 14)
ISSUE_COLUMNS = (
    Column("area", gettext_lazy("领域"), ("area",), "get_area_display"),
    Column("region", gettext_lazy("涉及区域"), ("region__code",), "region.name"),
    Column("description", gettext_lazy("问题"), (), "description"),
    Column("owner", gettext_lazy("责任部门"), ("owner_department",), "get_owner_department_display"),
    Column("deadline", gettext_lazy("期限"), ("deadline",), "deadline"),
    Column("status", gettext_lazy("状态"), ("status",), "get_status_display"),
    Column(
        "meeting",
        gettext_lazy("会议"),
        ("meeting__held_on",),
        lambda i: i.meeting.held_on if i.meeting else "",
    ),
)


@login_required
def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = Meeting.objects.visible_to(request.user).select_related("region")
    filterset = MeetingFilterSet(request.GET or None, queryset=meetings)
    # the page also holds the new-meeting form with its own region field: the filter's ids differ (one label each)
    filterset.form.auto_id = "filter_%s"
    listing = Listing(request, filterset.qs, MEETING_COLUMNS)
    if listing.wants_export and request.method == "GET":
        return listing.export(_("联席会议") + ".xlsx", _("联席会议"))
    form = MeetingForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            form_errors(request, form)
        else:
            ok, meeting = run_service(
                request,
                lambda: services.meeting_create(actor=request.user, **form.cleaned_data),
                success=_("会议已登记。"),
                form=form,
            )
            if ok:
                return redirect("oversight:meeting", pk=meeting.pk)
    context = {"filter": filterset, "listing": listing, "page": listing.page, "form": form}
    return render(request, "oversight/meetings.html", context)


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
                success=_("问题已登记。"),
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
    filterset = IssueFilterSet(request.GET, queryset=visible)
    listing = Listing(request, filterset.qs, ISSUE_COLUMNS)
    if listing.wants_export:
        return listing.export(_("联席会议问题跟踪") + ".xlsx", _("问题跟踪"))
    context = {"filter": filterset, "listing": listing, "page": listing.page}
    return render(request, "oversight/issues.html", context)


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
                success=_("跟踪情况已记录。"),
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
        success=_("已根据概览提出问题，请补充说明、责任部门和期限后跟踪。"),
    )
    if ok:
        return redirect("oversight:issue", pk=issue.pk)
    return redirect(
        f"{reverse('oversight:index')}?region={code[:-3] if len(code) == 9 else code}&period={period}"
    )
