"""Staff pages of evaluations: the list per region, creating one, and the workspace of one evaluation (what each
party has entered and what is missing) with its steps. Views parse input, call one service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, form_errors, run_service
from regions import access

from .. import selectors, services
from ..choices import Party
from ..filters import EvaluationFilterSet
from ..forms import (
    EvaluationCreateForm,
    EvaluatorForm,
    InvitationForm,
    PublishForm,
    RectificationDoneForm,
    SanctionForm,
    ScoreForm,
    SurveySettingsForm,
)
from ..models import Evaluation


def evaluation_or_404(request, pk) -> Evaluation:
    """The evaluation with its tree, or 404 when it does not exist or is out of the user's scope."""
    qs = selectors.evaluation_with_tree(Evaluation.objects.visible_to(request.user)).select_related(
        "rectification"
    )
    return get_object_or_404(qs, pk=pk)


@login_required
def index(request):
    """Evaluations in the user's regions, filterable by region, status, grade and text."""
    base = Evaluation.objects.visible_to(request.user).select_related(
        "contract__project", "contract__contractor", "region", "survey"
    )
    filterset = EvaluationFilterSet(request.GET, queryset=base)
    listing = Listing(request, filterset.qs, EVALUATION_COLUMNS)
    if listing.wants_export:
        return listing.export(_("绩效评价.xlsx"), _("绩效评价"))
    context = {"filter": filterset, "listing": listing, "page": listing.page, "today": timezone.localdate()}
    return render(request, "evaluation/index.html", context)


def _responses(evaluation) -> str:
    survey = getattr(evaluation, "survey", None)
    return f"{survey.response_count} / {survey.min_sample}" if survey else ""


#: the evaluation list's columns: sortable headers and the Excel export of the filtered list (issue 14)
EVALUATION_COLUMNS = (
    Column("contract", gettext_lazy("合同 / 项目"), ("contract__number",), "contract.number"),
    Column("project", gettext_lazy("项目"), (), "contract.project.title", shown=False),
    Column(
        "contractor", gettext_lazy("承接主体"), ("contract__contractor__name",), "contract.contractor.name"
    ),
    Column("region", gettext_lazy("购买主体"), ("region__code",), "region.name"),
    Column("period", gettext_lazy("评价期"), ("period",), "period"),
    Column("due", gettext_lazy("应完成"), ("due_date",), "due_date"),
    Column("status", gettext_lazy("状态"), ("status",), "get_status_display"),
    Column("survey", gettext_lazy("问卷"), (), _responses, css="num"),
    Column("total", gettext_lazy("综合得分"), ("total",), "total", css="num"),
    Column("grade", gettext_lazy("等级"), ("grade",), "get_grade_display"),
)


@login_required
@access.acting_required()
def create(request):
    form = EvaluationCreateForm(
        request.POST or None, user=request.user, initial={"contract": request.GET.get("contract")}
    )
    if request.method == "POST" and form.is_valid():
        ok, evaluation = run_service(
            request,
            lambda: services.evaluation_create(actor=request.user, **form.cleaned_data),
            success=_("已建立绩效评价和满意度调查"),
            form=form,
        )
        if ok:
            return redirect("evaluation:detail", evaluation.pk)
    return render(request, "evaluation/create.html", {"form": form})


@login_required
def detail(request, pk):
    """The workspace: each party's entered and missing indicators, the survey's sample, and the next steps."""
    evaluation = evaluation_or_404(request, pk)
    result = selectors.results(evaluation)
    scores = {s.indicator_id: s for s in evaluation.scores.all()}
    parties = {p.party: p for p in evaluation.template.parties.all()}
    can_act = access.has_role(request.user, evaluation.region.code)
    context = {
        "evaluation": evaluation,
        "result": result,
        "can_act": can_act,
        "evaluator_form": EvaluatorForm(
            initial={
                "name": evaluation.evaluator_name,
                "credit_code": evaluation.evaluator_credit_code,
                "declared_codes": "\n".join(evaluation.evaluator_declared_codes),
            }
        ),
        "score_forms": [
            (
                party,
                Party(party).label,
                ScoreForm(indicators=list(parties[party].indicators.all()), scores=scores),
            )
            for party in (Party.PURCHASER, Party.THIRD_PARTY)
        ],
        "publish_form": PublishForm(),
        "sanction_form": SanctionForm(),
        "rectification_form": RectificationDoneForm(),
        "settings_form": SurveySettingsForm(
            initial={"population": evaluation.survey.population, "min_sample": evaluation.survey.min_sample}
        ),
        "invitation_form": InvitationForm(),
        "codes": request.session.pop(f"evaluation-codes-{pk}", None),
    }
    return render(request, "evaluation/detail.html", context)


def post_step(request, pk, form_class, call, success: str):
    """Parse one workspace form, call its service, and go back to the workspace with a message."""
    evaluation = evaluation_or_404(request, pk)
    access.require_role(request.user, evaluation.region.code)
    form = form_class(request.POST)
    if form.is_valid():
        run_service(request, lambda: call(evaluation, form), success=success)
    else:
        form_errors(request, form)
    return redirect(reverse("evaluation:detail", args=[pk]))


@login_required
@require_POST
def evaluator(request, pk):
    return post_step(
        request,
        pk,
        EvaluatorForm,
        lambda e, f: services.evaluation_assign_evaluator(actor=request.user, evaluation=e, **f.cleaned_data),
        _("已指定第三方评价机构"),
    )


@login_required
@require_POST
def scores(request, pk, party):
    if party not in (Party.PURCHASER, Party.THIRD_PARTY):
        raise Http404
    evaluation = evaluation_or_404(request, pk)
    access.require_role(request.user, evaluation.region.code)
    indicators = list(evaluation.template.parties.get(party=party).indicators.all())
    form = ScoreForm(request.POST, indicators=indicators, scores={})
    if form.is_valid():
        run_service(
            request,
            lambda: services.score_enter(
                actor=request.user, evaluation=evaluation, party=party, scores=form.rows()
            ),
            success=_("已保存{party}评分").format(party=Party(party).label),
        )
    else:
        messages.error(request, _("评分须为0到100之间的数字，最多两位小数"))
    return redirect("evaluation:detail", pk)


@login_required
@require_POST
def publish(request, pk):
    return post_step(
        request,
        pk,
        PublishForm,
        lambda e, f: services.evaluation_publish(actor=request.user, evaluation=e, **f.cleaned_data),
        _("评价结果已公布"),
    )


@login_required
@require_POST
def sanction(request, pk):
    return post_step(
        request,
        pk,
        SanctionForm,
        lambda e, f: services.evaluation_refer_sanction(actor=request.user, evaluation=e, **f.cleaned_data),
        _("已移送政府购买服务处罚与禁入处理"),
    )


@login_required
@require_POST
def rectification(request, pk):
    def call(e, f):
        if not hasattr(e, "rectification"):
            raise Http404
        return services.rectification_complete(
            actor=request.user, rectification=e.rectification, **f.cleaned_data
        )

    return post_step(request, pk, RectificationDoneForm, call, _("已记录整改完成"))
