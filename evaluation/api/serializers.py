"""API shapes of the evaluation app. Serializers parse and present; every write goes through a service."""

from __future__ import annotations

from rest_framework import serializers

from procurement.models import Contract
from regions.api.base import ScopedRegionField
from regions.choices import ADMIN_ROLES

from .. import selectors
from ..choices import Dimension, Party
from ..models import (
    Evaluation,
    EvaluationTemplate,
    Score,
    Survey,
    SurveyResponse,
    TemplateIndicator,
    TemplateParty,
)
from ..rules import response_rate
from ..services.surveys import questions
from ..services.templates import TEMPLATE_LEVELS


class IndicatorSerializer(serializers.ModelSerializer):
    dimension = serializers.ChoiceField(choices=Dimension.choices)
    dimension_label = serializers.CharField(source="get_dimension_display", read_only=True)

    class Meta:
        model = TemplateIndicator
        fields = ["id", "dimension", "dimension_label", "name", "weight"]
        read_only_fields = ["id"]


class PartySerializer(serializers.ModelSerializer):
    party = serializers.ChoiceField(choices=Party.choices)
    party_label = serializers.CharField(source="get_party_display", read_only=True)
    indicators = IndicatorSerializer(many=True)

    class Meta:
        model = TemplateParty
        fields = ["party", "party_label", "weight", "indicators"]


class TemplateSerializer(serializers.ModelSerializer):
    """A template with its parties and indicators. On create/update the whole tree is given and validated at once
    (weights sum to 100, recipients carry the largest weight, each party covers the three dimensions)."""

    region = ScopedRegionField(levels=list(TEMPLATE_LEVELS), allow_null=True, required=False)
    region_name = serializers.CharField(source="region.name", read_only=True, default="全省通用")
    parties = PartySerializer(many=True)
    write_roles = ADMIN_ROLES

    class Meta:
        model = EvaluationTemplate
        fields = [
            "id",
            "name",
            "region",
            "region_name",
            "service_category",
            "is_default",
            "active",
            "excellent_min",
            "good_min",
            "pass_min",
            "min_sample",
            "parties",
            "created_at",
        ]
        read_only_fields = ["id", "is_default", "created_at"]


# --- evaluations -------------------------------------------------------------------------------------------


class EvaluationSerializer(serializers.ModelSerializer):
    """An evaluation in lists: contract, contractor, period, status, and once published the total and grade."""

    region = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    project = serializers.CharField(source="contract.project.title", read_only=True)
    contractor = serializers.CharField(source="contract.contractor.name", read_only=True)
    contractor_credit_code = serializers.CharField(source="contract.contractor.credit_code", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    grade_label = serializers.CharField(source="get_grade_display", read_only=True)
    survey = serializers.IntegerField(source="survey.pk", read_only=True, default=None)
    # plain strings: "status"/"grade" enums of several resources must not collide in the schema
    status = serializers.CharField(
        read_only=True, help_text="in_progress（评价中）/ published（已公布）/ cancelled（已撤销）"
    )
    grade = serializers.CharField(read_only=True, help_text="excellent / good / pass / fail（空：未公布）")

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "contract",
            "contract_number",
            "project",
            "contractor",
            "contractor_credit_code",
            "region",
            "region_name",
            "template",
            "period",
            "due_date",
            "status",
            "status_label",
            "evaluator_name",
            "evaluator_credit_code",
            "total",
            "grade",
            "grade_label",
            "published_on",
            "survey",
        ]
        read_only_fields = fields


class EvaluationCreateSerializer(serializers.Serializer):
    contract = serializers.PrimaryKeyRelatedField(queryset=Contract.objects.none())
    period = serializers.CharField(max_length=50)
    template = serializers.PrimaryKeyRelatedField(queryset=EvaluationTemplate.objects.none(), required=False)
    due_date = serializers.DateField(required=False)
    population = serializers.IntegerField(required=False, min_value=0, allow_null=True)

    def get_fields(self):
        fields = super().get_fields()
        user = self.context["request"].user
        fields["contract"].queryset = Contract.objects.visible_to(user).select_related("project__purchaser")
        fields["template"].queryset = EvaluationTemplate.objects.visible_to(user)
        return fields


def _results_payload(result) -> dict:
    return {
        "parties": [
            {
                "party": p.party,
                "label": p.label,
                "weight": p.weight,
                "score": p.score,
                "entered": p.entered,
                "missing": p.missing,
                "counts": p.counts,
                "indicators": [
                    {
                        "id": i.indicator.pk,
                        "dimension": i.indicator.dimension,
                        "name": i.indicator.name,
                        "weight": i.indicator.weight,
                        "score": i.value,
                    }
                    for i in p.indicators
                ],
            }
            for p in result.parties
        ],
        "dimensions": result.dimensions,
        "survey": {
            "responses": result.responses,
            "min_sample": result.min_sample,
            "population": result.population,
            "response_rate": result.rate,
            "sample_sufficient": result.sample_ok,
        },
        "total": result.total,
        "exact_total": result.exact_total,
        "grade": result.grade,
        "blockers": result.blockers,
    }


class EvaluationDetailSerializer(EvaluationSerializer):
    """One evaluation with what each party has entered, what is missing, scores per dimension and the survey."""

    results = serializers.SerializerMethodField()
    rectification = serializers.SerializerMethodField()

    class Meta(EvaluationSerializer.Meta):
        fields = EvaluationSerializer.Meta.fields + [
            "evaluator_declared_codes",
            "summary",
            "serious_findings",
            "sanction_id",
            "results",
            "rectification",
        ]
        read_only_fields = fields

    def get_results(self, obj) -> dict:
        return _results_payload(selectors.results(obj))

    def get_rectification(self, obj) -> dict | None:
        r = getattr(obj, "rectification", None)
        if r is None:
            return None
        return {
            "id": r.pk,
            "requirements": r.requirements,
            "deadline": r.deadline,
            "status": r.status,
            "completed_on": r.completed_on,
            "outcome": r.outcome,
        }


class ScoreRowSerializer(serializers.Serializer):
    indicator = serializers.IntegerField()
    value = serializers.CharField()
    comment = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ScoreEntrySerializer(serializers.Serializer):
    # checked by score_enter (a plain string: the "party" enum of templates must not collide)
    party = serializers.CharField(help_text="purchaser（购买主体）/ third_party（第三方）")
    scores = ScoreRowSerializer(many=True, allow_empty=False)


class ScoreSerializer(serializers.ModelSerializer):
    party = serializers.CharField(source="indicator.party.party", read_only=True)
    dimension = serializers.CharField(source="indicator.dimension", read_only=True)
    name = serializers.CharField(source="indicator.name", read_only=True)

    class Meta:
        model = Score
        fields = ["indicator", "party", "dimension", "name", "value", "from_survey", "comment", "entered_at"]


class PublishSerializer(serializers.Serializer):
    summary = serializers.CharField(required=False, allow_blank=True)
    rectification_requirements = serializers.CharField(required=False, allow_blank=True)
    rectification_deadline = serializers.DateField(required=False, allow_null=True)


class EvaluatorSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    credit_code = serializers.CharField(max_length=30)
    declared_codes = serializers.ListField(child=serializers.CharField(max_length=30), required=False)


class SanctionReferralSerializer(serializers.Serializer):
    kind = serializers.CharField(max_length=30)
    reason = serializers.CharField()
    penalty = serializers.DecimalField(max_digits=14, decimal_places=2, required=False, allow_null=True)
    debar_from = serializers.DateField(required=False, allow_null=True)
    debar_to = serializers.DateField(required=False, allow_null=True)


class RectificationDoneSerializer(serializers.Serializer):
    outcome = serializers.CharField()
    completed_on = serializers.DateField(required=False, allow_null=True)


# --- surveys -----------------------------------------------------------------------------------------------


class SurveySerializer(serializers.ModelSerializer):
    evaluation = serializers.IntegerField(source="evaluation.pk", read_only=True)
    project = serializers.CharField(source="evaluation.contract.project.title", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    status = serializers.CharField(read_only=True, help_text="open（调查中）/ closed（已结束）")
    response_rate = serializers.SerializerMethodField()
    questions = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = [
            "id",
            "evaluation",
            "project",
            "status",
            "status_label",
            "population",
            "min_sample",
            "response_count",
            "response_rate",
            "aggregated_at",
            "questions",
        ]
        read_only_fields = fields

    def get_response_rate(self, obj) -> str | None:
        rate = response_rate(obj.response_count, obj.population)
        return None if rate is None else str(rate)

    def get_questions(self, obj) -> list[dict]:
        indicators = self.context.get("questions", {}).get(obj.evaluation.template_id)
        if indicators is None:
            indicators = questions(obj)
        return [{"id": q.pk, "dimension": q.dimension, "text": q.name} for q in indicators]


class SurveyResponseSerializer(serializers.ModelSerializer):
    """A response as results show it: channel, date and answers — anonymous (no recipient, no invitation, no
    member of staff)."""

    # checked by response_submit (a plain string: a subset of ResponseChannel would be a second "channel" enum)
    channel = serializers.CharField(
        help_text="window（窗口）/ phone（电话）/ home_visit（入户）/ api（接口）"
    )
    answers = serializers.DictField(child=serializers.JSONField())

    class Meta:
        model = SurveyResponse
        fields = ["id", "channel", "answers", "submitted_on"]
        read_only_fields = ["id", "submitted_on"]


class SurveySettingsSerializer(serializers.Serializer):
    population = serializers.IntegerField(min_value=0, allow_null=True)
    min_sample = serializers.IntegerField(min_value=1)


class InvitationRequestSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=1, max_value=500)
