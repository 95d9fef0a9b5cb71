"""Public pages (no login): published results (contractor, project, score, grade, date — no recipients' data,
粤民发〔2018〕170号 一(六): 评价结果向社会公布) and the survey page reached with a one-time code."""

from __future__ import annotations

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from core.ratelimit import LIMITED, allow
from core.web import Column, Listing, run_service

from .. import selectors, services
from ..forms import QuestionnaireForm
from ..services.surveys import invitation_find, questions

#: code look-ups per IP and minute: slows guessing one-time codes (a service centre's Wi-Fi may put several
#: recipients behind one address, so the limit is generous)
CODE_TRIES_PER_MINUTE = 30


#: public page views per IP and minute (a reader browses; a scraper is slowed down), and Excel downloads
PUBLIC_VIEWS_PER_MINUTE = 120
PUBLIC_EXPORTS_PER_MINUTE = 10

#: the published results list (issue 14): sortable headers and the Excel export of the filtered view (organisation
#: data only, as the page shows it)
PUBLIC_COLUMNS = (
    Column(
        "contractor", gettext_lazy("承接主体"), ("contract__contractor__name",), "contract.contractor.name"
    ),
    Column("project", gettext_lazy("项目"), ("contract__project__title",), "contract.project.title"),
    Column("purchaser", gettext_lazy("购买主体"), ("region__code",), "region.name"),
    Column("period", gettext_lazy("评价期"), ("period",), "period"),
    Column("total", gettext_lazy("综合得分"), ("total",), "total", css="num"),
    Column("grade", gettext_lazy("等级"), ("grade",), "get_grade_display"),
    Column("published", gettext_lazy("公布日期"), ("published_on",), "published_on"),
)


def public_list(request):
    """Published results, newest first; `?q=` searches contractor or project."""
    qs = selectors.published()
    q = (request.GET.get("q") or "").strip()
    if q:
        qs = qs.filter(Q(contract__contractor__name__contains=q) | Q(contract__project__title__contains=q))
    listing = Listing(request, qs, PUBLIC_COLUMNS)
    limited = not allow(request, "evaluation:public", PUBLIC_VIEWS_PER_MINUTE) or (
        listing.wants_export and not allow(request, "evaluation:public-export", PUBLIC_EXPORTS_PER_MINUTE)
    )
    if limited:
        return HttpResponse(LIMITED, status=429)
    if listing.wants_export:
        return listing.export(_("绩效评价结果公开") + ".xlsx", _("评价结果"))
    return render(request, "evaluation/public_list.html", {"listing": listing, "page": listing.page, "q": q})


def public_detail(request, pk):
    evaluation = get_object_or_404(selectors.published(), pk=pk)
    return render(request, "evaluation/public_detail.html", {"evaluation": evaluation})


@never_cache
def survey_public(request):
    """Type the code from the invitation slip; a valid unused code opens the questionnaire."""
    error = ""
    if request.method == "POST" or request.GET.get("code"):
        if not allow(request, "evaluation:code", CODE_TRIES_PER_MINUTE):
            return render(request, "evaluation/survey_public.html", {"error": LIMITED}, status=429)
        code = request.POST.get("code") or request.GET.get("code") or ""
        invitation = invitation_find(code)
        if invitation is not None:
            return redirect("evaluation:survey-answer", invitation.code)
        error = _("问卷码无效或已使用")
    return render(request, "evaluation/survey_public.html", {"error": error})


@never_cache
def survey_answer(request, code):
    """The questionnaire for one one-time code; after submitting, the code is spent."""
    if not allow(request, "evaluation:code", CODE_TRIES_PER_MINUTE):
        return render(request, "evaluation/survey_public.html", {"error": LIMITED}, status=429)
    invitation = invitation_find(code)
    if invitation is None:
        return render(
            request,
            "evaluation/survey_public.html",
            {"error": _("问卷码无效或已使用")},
            status=404,
        )
    survey = invitation.survey
    form = QuestionnaireForm(request.POST or None, questions=questions(survey), staff=False)
    if request.method == "POST" and form.is_valid():
        ok, _result = run_service(
            request, lambda: services.response_submit_public(code=invitation.code, answers=form.answers())
        )
        if ok:
            return redirect(reverse("evaluation:survey-thanks"))
    return render(
        request,
        "evaluation/survey_answer.html",
        {"form": form, "project": survey.evaluation.contract.project.title, "code": invitation.code},
    )


def survey_thanks(request):
    return render(request, "evaluation/survey_thanks.html")
