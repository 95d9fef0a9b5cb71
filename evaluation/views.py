"""Staff pages of the evaluation app: the list per region, the workspace of one evaluation (what each party has
entered and what is missing), the quick survey entry screen for a window, results with a chart per dimension, and
templates. Views parse input, call one service or selector, and render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from core.web import run_service
from regions import access
from regions.choices import ADMIN_ROLES
from regions.models import Region

from . import selectors, services
from .choices import Party
from .filters import EvaluationFilterSet
from .forms import (
    EvaluationCreateForm,
    EvaluatorForm,
    InvitationForm,
    PublishForm,
    QuestionnaireForm,
    RectificationDoneForm,
    SanctionForm,
    ScoreForm,
    SurveySettingsForm,
    TemplateForm,
)
from .models import Evaluation, EvaluationTemplate
from .services.surveys import questions
from .services.templates import TEMPLATE_LEVELS, template_as_input


def _evaluation(request, pk) -> Evaluation:
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
    page = Paginator(filterset.qs, 50).get_page(request.GET.get("page"))
    return render(
        request, "evaluation/index.html", {"filter": filterset, "page": page, "today": timezone.localdate()}
    )


@login_required
def create(request):
    form = EvaluationCreateForm(
        request.POST or None, user=request.user, initial={"contract": request.GET.get("contract")}
    )
    if request.method == "POST" and form.is_valid():
        ok, evaluation = run_service(
            request,
            lambda: services.evaluation_create(actor=request.user, **form.cleaned_data),
            success="已建立绩效评价和满意度调查",
            form=form,
        )
        if ok:
            return redirect("evaluation:detail", evaluation.pk)
    return render(request, "evaluation/create.html", {"form": form})


@login_required
def detail(request, pk):
    """The workspace: each party's entered and missing indicators, the survey's sample, and the next steps."""
    evaluation = _evaluation(request, pk)
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


def _post_step(request, pk, form_class, call, success: str):
    """Parse one workspace form, call its service, and go back to the workspace with a message."""
    evaluation = _evaluation(request, pk)
    access.require_role(request.user, evaluation.region.code)
    form = form_class(request.POST)
    if form.is_valid():
        run_service(request, lambda: call(evaluation, form), success=success)
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))
    return redirect(reverse("evaluation:detail", args=[pk]))


@login_required
@require_POST
def evaluator(request, pk):
    return _post_step(
        request,
        pk,
        EvaluatorForm,
        lambda e, f: services.evaluation_assign_evaluator(actor=request.user, evaluation=e, **f.cleaned_data),
        "已指定第三方评价机构",
    )


@login_required
@require_POST
def scores(request, pk, party):
    if party not in (Party.PURCHASER, Party.THIRD_PARTY):
        raise Http404
    evaluation = _evaluation(request, pk)
    access.require_role(request.user, evaluation.region.code)
    indicators = list(evaluation.template.parties.get(party=party).indicators.all())
    form = ScoreForm(request.POST, indicators=indicators, scores={})
    if form.is_valid():
        run_service(
            request,
            lambda: services.score_enter(
                actor=request.user, evaluation=evaluation, party=party, scores=form.rows()
            ),
            success=f"已保存{Party(party).label}评分",
        )
    else:
        messages.error(
            request, "评分须为0到100之间的数字，最多两位小数 / scores must be numbers from 0 to 100"
        )
    return redirect("evaluation:detail", pk)


@login_required
@require_POST
def publish(request, pk):
    return _post_step(
        request,
        pk,
        PublishForm,
        lambda e, f: services.evaluation_publish(actor=request.user, evaluation=e, **f.cleaned_data),
        "评价结果已公布",
    )


@login_required
@require_POST
def sanction(request, pk):
    return _post_step(
        request,
        pk,
        SanctionForm,
        lambda e, f: services.evaluation_refer_sanction(actor=request.user, evaluation=e, **f.cleaned_data),
        "已移送政府购买服务处罚与禁入处理",
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

    return _post_step(request, pk, RectificationDoneForm, call, "已记录整改完成")


@login_required
@require_POST
def survey_settings(request, pk):
    return _post_step(
        request,
        pk,
        SurveySettingsForm,
        lambda e, f: services.survey_update(actor=request.user, survey=e.survey, **f.cleaned_data),
        "已更新调查设置",
    )


@login_required
@require_POST
def invitations(request, pk):
    def call(e, f):
        made = services.invitations_issue(actor=request.user, survey=e.survey, count=f.cleaned_data["count"])
        request.session[f"evaluation-codes-{pk}"] = [i.code for i in made]

    return _post_step(request, pk, InvitationForm, call, "已生成问卷码（仅显示一次，请打印或发送）")


@login_required
def survey_entry(request, pk):
    """The quick entry screen at a window: one questionnaire at a time, large choices, save and start the next."""
    evaluation = _evaluation(request, pk)
    access.require_role(request.user, evaluation.region.code)
    survey = evaluation.survey
    qs = questions(survey)
    form = QuestionnaireForm(request.POST or None, questions=qs, staff=True)
    if request.method == "POST" and form.is_valid():
        ok, _ = run_service(
            request,
            lambda: services.response_submit(
                actor=request.user,
                survey=survey,
                channel=form.cleaned_data["channel"],
                answers=form.answers(),
            ),
            success="已保存一份问卷，可继续录入下一份",
        )
        if ok:
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


CHART_NAMES = {Party.RECIPIENT: "服务对象", Party.PURCHASER: "购买主体", Party.THIRD_PARTY: "第三方"}


@login_required
def results(request, pk):
    """Results with a chart per dimension (each party's score and the combined score)."""
    evaluation = _evaluation(request, pk)
    result = selectors.results(evaluation)
    chart = {
        "dimensions": [d["label"] for d in result.dimensions],
        "series": [
            {
                "name": CHART_NAMES[p.party],
                "data": [
                    None if d["parties"][p.party] is None else float(d["parties"][p.party])
                    for d in result.dimensions
                ],
            }
            for p in result.parties
        ]
        + [
            {
                "name": "综合",
                "data": [None if d["overall"] is None else float(d["overall"]) for d in result.dimensions],
            }
        ],
    }
    return render(
        request,
        "evaluation/results.html",
        {"evaluation": evaluation, "result": result, "chart": chart},
    )


# --- templates ---------------------------------------------------------------------------------------------


@login_required
def template_list(request):
    templates = (
        EvaluationTemplate.objects.visible_to(request.user)
        .select_related("region")
        .prefetch_related("parties")
    )
    return render(request, "evaluation/template_list.html", {"templates": templates})


@login_required
def template_detail(request, pk):
    template = get_object_or_404(
        EvaluationTemplate.objects.visible_to(request.user).prefetch_related("parties__indicators"), pk=pk
    )
    return render(request, "evaluation/template_detail.html", {"template": template})


@login_required
def template_create(request):
    """A new template, started as a copy of an existing one (`?from=<id>`, default: the seeded default)."""
    visible = EvaluationTemplate.objects.visible_to(request.user)
    source = (
        visible.filter(pk=request.GET.get("from") or 0).first() or visible.filter(is_default=True).first()
    )
    regions = [
        r
        for r in Region.objects.filter(
            code__in=[g.code for g in access.grants(request.user)], level__in=TEMPLATE_LEVELS
        )
        if access.has_role(request.user, r.code, ADMIN_ROLES)
    ]
    if not regions:
        raise Http404
    form = TemplateForm(
        request.POST or None,
        regions=regions,
        source=template_as_input(source) if source else [],
        initial={
            "name": f"{source.name}（副本）" if source else "",
            "min_sample": source.min_sample if source else 30,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        region = next(r for r in regions if r.code == data["region"])
        ok, template = run_service(
            request,
            lambda: services.template_create(
                actor=request.user,
                name=data["name"],
                region=region,
                service_category=data["service_category"],
                excellent_min=data["excellent_min"],
                good_min=data["good_min"],
                pass_min=data["pass_min"],
                min_sample=data["min_sample"],
                parties=form.parties(),
            ),
            success="已建立评价模板",
            form=form,
        )
        if ok:
            return redirect("evaluation:template-detail", template.pk)
    return render(request, "evaluation/template_form.html", {"form": form, "source": source})
