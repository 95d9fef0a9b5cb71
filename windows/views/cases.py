"""Case pages: intake at the window, my cases as first responder, the region's queue, case detail with timeline.

Views parse input, call one service or selector, and render. Out of scope is 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core import ratelimit
from core.web import Column, Listing, StepPanel, refused_status, run_service
from core.workflow import allowed_actions
from regions import access
from regions.choices import ACTING_ROLES
from regions.personal import can_reveal, reveal
from regions.rules import id_number_error

from .. import rules, selectors, services
from ..choices import CaseAction, CaseChannel
from ..filters import CaseFilterSet
from ..forms import STEP_FORMS, AssignForm, IntakeForm
from ..models import Case, ServiceWindow


def _acting_windows(user):
    return [
        w
        for w in ServiceWindow.objects.visible_to(user).filter(active=True).select_related("region")
        if access.has_role(user, w.region.code, ACTING_ROLES)
    ]


@login_required
def index(request):
    return redirect("windows:queue")


#: where the intake screen keeps the channel between applicants
INTAKE_CHANNEL_KEY = "windows-intake-channel"


@login_required
def intake(request):
    """The window's intake screen: keyboard first, the ID number checked as it is typed, duplicates warned."""
    windows = _acting_windows(request.user)
    if not windows:
        raise PermissionDenied(_("您没有可受理的窗口"))
    window_qs = ServiceWindow.objects.filter(pk__in=[w.pk for w in windows]).select_related("region")
    staffed = (
        ServiceWindow.objects.filter(staff=request.user, pk__in=[w.pk for w in windows])
        .order_by("id")
        .first()
    )
    mine = staffed or windows[0]
    # the channel of the last applicant registered here: a clerk on phone duty takes call after call (issue 14)
    channel = request.session.get(INTAKE_CHANNEL_KEY, CaseChannel.WALK_IN)
    form = IntakeForm(
        request.POST or None,
        windows=window_qs,
        initial={"window": mine.pk, "accept_now": True, "channel": channel},
    )
    duplicates = services.Duplicates([], False)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not id_number_error(data["id_number"], timezone.localdate()):
            duplicates = services.duplicates_for(request.user, data["id_number"], data["category"])
        if (duplicates.numbers or duplicates.elsewhere) and not data["confirm_duplicate"]:
            messages.warning(request, _("该申请人有同类未办结事项，请核实后勾选“仍然登记”"))
        else:
            ok, result = run_service(
                request,
                lambda: services.case_receive(
                    actor=request.user,
                    window=data["window"],
                    channel=data["channel"],
                    applicant_name=data["applicant_name"],
                    id_number=data["id_number"],
                    phone=data["phone"],
                    household_region=data["household_region"],
                    category=data["category"],
                    description=data["description"],
                    accept_now=data["accept_now"],
                    attachments=request.FILES.getlist("attachments"),
                    sms_opt_in=data["sms_opt_in"],
                ),
                form=form,
            )
            if ok:
                request.session[INTAKE_CHANNEL_KEY] = data["channel"]
                messages.success(
                    request,
                    _("已登记 %(number)s（首问负责人：%(name)s）")
                    % {
                        "number": result.case.number,
                        "name": request.user.get_full_name() or request.user.get_username(),
                    },
                )
                if request.POST.get("next") == "again":
                    return redirect("windows:intake")
                return redirect("windows:case_detail", number=result.case.number)
    context = {"form": form, "duplicates": duplicates, "elsewhere_message": services.ELSEWHERE}
    return render(request, "windows/intake.html", context)


#: full-number look-ups per user and minute on the intake screen (a window clerk needs a few; issue 12 item 2)
ID_CHECKS_PER_MINUTE = 30


@login_required
def id_check(request):
    """htmx: the ID number as typed at a window → its problem, or whether open cases of the same kind exist.

    Only for a window the user acts at (404 out of scope, 403 without an acting role there); every full-number
    look-up is logged and rate-limited; another region's case is answered without its number."""
    window = get_object_or_404(
        ServiceWindow.objects.visible_to(request.user).select_related("region"),
        pk=request.GET.get("window") if (request.GET.get("window") or "").isdigit() else None,
    )
    access.require_role(request.user, window.region.code, ACTING_ROLES)
    value = request.GET.get("id_number", "").strip()
    category = request.GET.get("category", "")
    problem = id_number_error(value, timezone.localdate()) if len(value) >= 18 else None
    context = {
        "value": value,
        "problem": problem,
        "length": len(value),
        "elsewhere_message": services.ELSEWHERE,
    }
    if value and not problem and len(value) == 18 and category:
        if not ratelimit.allow(request, f"windows-id-check:{request.user.pk}", ID_CHECKS_PER_MINUTE):
            context["problem"] = ratelimit.LIMITED
            return render(request, "windows/_id_check.html", context, status=429)
        context["duplicates"] = services.id_check(
            actor=request.user, window=window, id_number=value, category=category
        )
    return render(request, "windows/_id_check.html", context)


#: the columns of a case list: sortable headers and the Excel export of the filtered list (the phone stays masked)
CASE_COLUMNS = (
    Column("number", gettext_lazy("编号"), ("number",), "number"),
    Column("applicant", gettext_lazy("申请人"), ("applicant_name",), "applicant_name"),
    Column("phone", gettext_lazy("联系电话"), (), "phone_masked"),
    Column("category", gettext_lazy("事项类别"), ("category",), "get_category_display"),
    Column("status", gettext_lazy("状态"), ("status",), "get_status_display"),
    Column("region", gettext_lazy("当前办理地"), ("region_code",), "region_code"),
    Column("department", gettext_lazy("承办部门/单位"), ("department",), "department"),
    Column(
        "first_responder",
        gettext_lazy("首问负责人"),
        ("first_responder__first_name",),
        "first_responder.get_full_name",
    ),
    Column("due", gettext_lazy("办理期限（环节 / 全程）"), ("due_date", "case_due_date")),
    Column("step_due", gettext_lazy("环节期限"), (), "due_date", shown=False),
    Column("case_due", gettext_lazy("全程期限"), (), "case_due_date", shown=False),
)


def _case_page(request, queryset, template, title, extra=None):
    filterset = CaseFilterSet(request.GET or None, queryset=queryset, request=request)
    listing = Listing(request, filterset.qs, CASE_COLUMNS)
    if listing.wants_export:
        return listing.export(f"{title}.xlsx", title)
    context = {
        "filter": filterset,
        "listing": listing,
        "page": listing.page,
        "today": timezone.localdate(),
        "title": title,
    }
    context.update(extra or {})
    return render(request, template, context)


@login_required
def my_cases(request):
    """首问负责制: every case I first received, wherever it has gone, until feedback reached the applicant."""
    qs = selectors.my_first_cases(request.user).order_by("-id")
    figures = selectors.first_responder_figures(request.user, timezone.localdate())
    return _case_page(
        request, qs, "windows/case_list.html", _("我首问的事项"), {"mine": True, "figures": figures}
    )


@login_required
def queue(request):
    """The region's open cases, most urgent first; overdue highlighted."""
    qs = selectors.case_list(request.user)
    if not request.GET.get("status"):
        qs = qs.open()
    qs = qs.order_by("due_date", "id")
    return _case_page(request, qs, "windows/case_list.html", _("办理队列"))


def _get_case(request, number) -> Case:
    return get_object_or_404(
        Case.objects.visible_to(request.user).select_related(
            "window", "accepting_region", "region", "household_region", "first_responder", "assigned_worker"
        ),
        number=number,
    )


@login_required
def case_detail(request, number):
    return _render_detail(request, _get_case(request, number))


def _render_detail(request, case: Case, revealed: dict | None = None, bound=None, status: int = 200):
    """The case page; `bound` = (action, form) re-shows a step's form as it was posted, open, with its errors."""
    can_act = access.has_role(request.user, case.region_code, ACTING_ROLES)
    actions = allowed_actions(rules.CASE_TRANSITIONS, case.status) if can_act else []
    steps = [
        StepPanel(
            action,
            CaseAction(action).label,
            bound[1] if bound and bound[0] == action else _step_form(request, case, action),
            reverse("windows:case_step", args=[case.number, action]),
            open=bool(bound and bound[0] == action),
        )
        for action in dict.fromkeys(actions)
    ]
    return render(
        request,
        "windows/case_detail.html",
        {
            "case": case,
            "events": case.events.select_related("actor").order_by("id"),
            "attachments": case.attachments.select_related("uploaded_by"),
            "can_act": can_act,
            "steps": steps,
            "can_reveal": can_reveal(request.user, case.region_code),
            "revealed": revealed,
            "today": timezone.localdate(),
            "overdue_now": case.is_overdue(timezone.localdate()),
        },
        status=status,
    )


def _step_form(request, case: Case, action: str, data=None):
    if action == "assign":
        return AssignForm(data, prefix=action, workers=selectors.workers_for(request.user, case))
    return STEP_FORMS[action](data, prefix=action)


@login_required
@require_POST
def case_step(request, number, action):
    case = _get_case(request, number)
    if action not in STEP_FORMS:
        raise Http404
    form = _step_form(request, case, action, request.POST)
    if form.is_valid():
        service = services.STEP_SERVICES[action]
        ok, _done = run_service(
            request,
            lambda: service(actor=request.user, case=case, **form.cleaned_data),
            success=_("{label}：已完成").format(label=CaseAction(action).label),
            form=form,
        )
        if ok:
            return redirect("windows:case_detail", number=number)
        case.refresh_from_db()
    # every typed value stays, the step stays open, the errors sit at their fields (issue 14)
    return _render_detail(request, case, bound=(action, form), status=refused_status(request))


@login_required
@require_POST
def case_reveal(request, number):
    """Show the full ID number and phone once (the view is logged in PersonalDataAccess)."""
    case = _get_case(request, number)
    reason = request.POST.get("reason", "").strip() or "窗口核对身份"
    values = {
        f: reveal(request.user, case, f, region_code=case.region_code, reason=reason)
        for f in ("id_number", "phone")
    }
    # rendered once in this response, never stored in the session
    return _render_detail(request, case, revealed=values)


@login_required
@require_POST
def case_attach(request, number):
    case = _get_case(request, number)
    run_service(
        request,
        lambda: services.case_attach(actor=request.user, case=case, files=request.FILES.getlist("files")),
        success=_("附件已上传"),
    )
    return redirect("windows:case_detail", number=number)


@login_required
def attachment_download(request, number, pk):
    """A document of a case the user may see (scoped: 404 otherwise), never from a public media URL."""
    case = _get_case(request, number)
    attachment = get_object_or_404(case.attachments, pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.name)
