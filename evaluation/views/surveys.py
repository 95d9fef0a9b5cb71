"""Staff pages of an evaluation's satisfaction survey: its settings and one-time codes (steps of the workspace) and
the quick entry screen for a window."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.web import run_service
from regions import access

from .. import selectors, services
from ..forms import InvitationForm, QuestionnaireForm, SurveySettingsForm
from ..services.surveys import questions
from .evaluations import evaluation_or_404, post_step


@login_required
@require_POST
def survey_settings(request, pk):
    return post_step(
        request,
        pk,
        SurveySettingsForm,
        lambda e, f: services.survey_update(actor=request.user, survey=e.survey, **f.cleaned_data),
        _("已更新调查设置"),
    )


@login_required
@require_POST
def invitations(request, pk):
    def call(e, f):
        made = services.invitations_issue(actor=request.user, survey=e.survey, count=f.cleaned_data["count"])
        request.session[f"evaluation-codes-{pk}"] = [i.code for i in made]

    return post_step(request, pk, InvitationForm, call, _("已生成问卷码（仅显示一次，请打印或发送）"))


@login_required
def survey_entry(request, pk):
    """The quick entry screen at a window: one questionnaire at a time, large choices, save and start the next."""
    evaluation = evaluation_or_404(request, pk)
    access.require_role(request.user, evaluation.region.code)
    survey = evaluation.survey
    qs = questions(survey)
    form = QuestionnaireForm(request.POST or None, questions=qs, staff=True)
    if request.method == "POST" and form.is_valid():
        ok, _done = run_service(
            request,
            lambda: services.response_submit(
                actor=request.user,
                survey=survey,
                channel=form.cleaned_data["channel"],
                answers=form.answers(),
            ),
        )
        if ok:
            survey.refresh_from_db()
            messages.success(
                request,
                _("已保存第 {count} 份问卷（{answers}），请录入下一份").format(
                    count=survey.response_count, answers=form.summary()
                ),
            )
            # keep the channel: a window usually enters many in a row
            return redirect(
                reverse("evaluation:survey-entry", args=[pk]) + f"?channel={form.cleaned_data['channel']}"
            )
    if request.method == "GET" and request.GET.get("channel"):
        form = QuestionnaireForm(initial={"channel": request.GET["channel"]}, questions=qs, staff=True)
    survey.refresh_from_db()
    return render(
        request,
        "evaluation/survey_entry.html",
        {"evaluation": evaluation, "survey": survey, "form": form, "result": selectors.results(evaluation)},
    )
