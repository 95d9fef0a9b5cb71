"""Reads of the evaluation app that are more than a filter: an evaluation's results (what each party entered, what
is missing, the weighted total and grade), the template that applies to a contract, the track record of
contractors, and the public list of published results."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils.translation import gettext

from core.web import TodoItem
from regions import access
from regions.rules import ancestor_codes

from .choices import Dimension, EvaluationStatus, Grade, Party, RectificationStatus
from .models import Evaluation, EvaluationTemplate, Rectification, Score, TemplateIndicator, TemplateParty
from .rules import (
    dimension_score,
    grade_for,
    publication_errors,
    q2,
    response_rate,
    sample_sufficient,
    weighted_exact,
)


@dataclass
class IndicatorResult:
    indicator: TemplateIndicator
    score: Score | None

    @property
    def value(self) -> Decimal | None:
        return self.score.value if self.score else None


@dataclass
class PartyResult:
    party: str
    label: str
    weight: Decimal
    indicators: list[IndicatorResult]
    #: False for the recipients while the survey is below its minimum sample
    counts: bool = True

    @property
    def missing(self) -> int:
        return sum(1 for i in self.indicators if i.score is None)

    @property
    def entered(self) -> int:
        return len(self.indicators) - self.missing

    @property
    def complete(self) -> bool:
        return self.missing == 0 and self.counts

    @property
    def exact_score(self) -> Decimal | None:
        """The party's weighted score once every indicator is scored (and, for recipients, the sample suffices)."""
        if not self.complete:
            return None
        return weighted_exact((i.indicator.weight, i.value) for i in self.indicators if i.value is not None)

    @property
    def score(self) -> Decimal | None:
        """`exact_score` at two decimals, for display."""
        exact = self.exact_score
        return None if exact is None else q2(exact)


@dataclass
class Results:
    evaluation: Evaluation
    parties: list[PartyResult]
    responses: int
    min_sample: int
    population: int | None
    dimensions: list[dict] = field(default_factory=list)

    @property
    def sample_ok(self) -> bool:
        return sample_sufficient(self.responses, self.min_sample)

    @property
    def rate(self) -> Decimal | None:
        return response_rate(self.responses, self.population)

    @property
    def exact_total(self) -> Decimal | None:
        """The weighted total from the parties' exact scores, unrounded: the grade is decided on it."""
        scores = [p.exact_score for p in self.parties]
        if any(s is None for s in scores):
            return None
        return weighted_exact(
            (p.weight, s) for p, s in zip(self.parties, scores, strict=True) if s is not None
        )

    @property
    def total(self) -> Decimal | None:
        """`exact_total` at two decimals, for display and the published record."""
        exact = self.exact_total
        return None if exact is None else q2(exact)

    @property
    def rounded_up_across_a_grade(self) -> bool:
        """True when the displayed total reaches a grade line the exact total does not (59.995 shown as 60.00)."""
        exact, total = self.exact_total, self.total
        if exact is None or total is None:
            return False
        return grade_for(total, self.evaluation.template.thresholds) != self.grade

    @property
    def grade(self) -> Grade | None:
        """Decided on the exact total (domain.md 12); 59.995 is 不合格."""
        exact = self.exact_total
        return None if exact is None else grade_for(exact, self.evaluation.template.thresholds)

    @property
    def blockers(self) -> list[str]:
        """Why it cannot be published yet (empty when it can)."""
        return publication_errors(
            missing={p.party: p.missing for p in self.parties},
            responses=self.responses,
            minimum_sample=self.min_sample,
            has_evaluator=bool(self.evaluation.evaluator_credit_code),
        )


def evaluation_with_tree(queryset):
    """The queryset with what `results()` reads: template parties → indicators, scores, survey, contract."""
    return queryset.select_related(
        "contract__project", "contract__contractor", "region", "template", "survey"
    ).prefetch_related(
        Prefetch("template__parties", queryset=TemplateParty.objects.prefetch_related("indicators")),
        Prefetch("scores", queryset=Score.objects.all()),
    )


def results(evaluation: Evaluation) -> Results:
    """What each party has entered and what is missing, the party scores, per-dimension scores, total and grade.

    Reads the prefetched tree when `evaluation_with_tree` loaded it (no further queries)."""
    by_indicator = {s.indicator_id: s for s in evaluation.scores.all()}
    survey = getattr(evaluation, "survey", None)
    responses = survey.response_count if survey else 0
    min_sample = survey.min_sample if survey else evaluation.template.min_sample
    parties = []
    for party in sorted(evaluation.template.parties.all(), key=lambda p: Party.values.index(p.party)):
        parties.append(
            PartyResult(
                party=party.party,
                label=str(party.get_party_display()),
                weight=party.weight,
                indicators=[IndicatorResult(i, by_indicator.get(i.pk)) for i in party.indicators.all()],
                counts=party.party != Party.RECIPIENT or sample_sufficient(responses, min_sample),
            )
        )
    result = Results(evaluation, parties, responses, min_sample, survey.population if survey else None)
    for dimension in Dimension:
        parties_scores: dict[str, Decimal | None] = {}
        overall: list[tuple[Decimal, Decimal]] = []
        for p in parties:
            scored = [
                (i.indicator.weight, i.value)
                for i in p.indicators
                if i.indicator.dimension == dimension and i.value is not None
            ]
            parties_scores[p.party] = dimension_score(scored)
            overall += [(p.weight * w, v) for w, v in scored]
        result.dimensions.append(
            {
                "dimension": dimension.value,
                "label": str(dimension.label),
                "parties": parties_scores,
                "overall": dimension_score(overall),
            }
        )
    return result


def template_for(*, region_code: str, categories: list[str]) -> EvaluationTemplate | None:
    """The active template that applies to a contract of `region_code`: the most local region's template for one of
    the contract's service categories, else the most local general one, else the province-wide default."""
    codes = ancestor_codes(region_code) + [region_code]
    candidates = list(
        EvaluationTemplate.objects.filter(active=True)
        .filter(Q(region__code__in=codes) | Q(region__isnull=True))
        .select_related("region")
    )

    def rank(t: EvaluationTemplate):
        depth = len(t.region.code) if t.region else 0
        category = 1 if t.service_category and t.service_category in categories else 0
        if t.service_category and not category:
            return None
        return (category, depth, t.is_default, t.pk)

    ranked = [(rank(t), t) for t in candidates]
    ranked = [(r, t) for r, t in ranked if r is not None]
    return max(ranked, key=lambda rt: rt[0])[1] if ranked else None


def published():
    """Published results for the public page: contractor, project, score, grade, date — nothing about recipients."""
    return (
        Evaluation.objects.filter(status=EvaluationStatus.PUBLISHED)
        .select_related("contract__project", "contract__contractor", "region")
        .order_by("-published_on", "-id")
    )


#: "due soon" on the home page: within a week (粤民发〔2018〕170号 一(六): evaluations and rectifications on time)
HOME_DUE_DAYS = 7


def home_todo(user, today: dt.date) -> list[TodoItem]:
    """Evaluations in progress and open rectifications due within the week or overdue, in the regions the user
    acts for (issue 14: the home page lists what waits)."""
    horizon = today + dt.timedelta(days=HOME_DUE_DAYS)
    evaluations = Evaluation.objects.filter(status=EvaluationStatus.IN_PROGRESS, due_date__lte=horizon)
    rectifications = Rectification.objects.filter(status=RectificationStatus.OPEN, deadline__lte=horizon)
    scope_e = access.role_scope_q(user, "region__code")
    scope_r = access.role_scope_q(user, "evaluation__region__code")
    if scope_e is not None and scope_r is not None:
        evaluations, rectifications = evaluations.filter(scope_e), rectifications.filter(scope_r)
    index = reverse("evaluation:index")
    return [
        TodoItem(
            gettext("本周到期或已超期的绩效评价"),
            evaluations.count(),
            f"{index}?status={EvaluationStatus.IN_PROGRESS}&due_before={horizon:%Y-%m-%d}",
            "warn",
        ),
        TodoItem(
            gettext("本周到期或已超期的整改"), rectifications.count(), f"{index}?rectification=open", "warn"
        ),
    ]
