"""The evaluation API: /api/v1/evaluation/templates/, /evaluations/ (+ /scores/, /publish/), /surveys/{id}/responses/."""

from __future__ import annotations

from django.http import Http404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.api.steps import StepActionsMixin
from regions.api.base import RegionScopedMixin, RegionWritePermission
from regions.choices import INTAKE_ROLES

from .. import selectors, services
from ..choices import Party
from ..filters import EvaluationFilterSet
from ..models import Evaluation, EvaluationTemplate, Rectification, Score, Survey, TemplateIndicator
from .serializers import (
    EvaluationCreateSerializer,
    EvaluationDetailSerializer,
    EvaluationSerializer,
    EvaluatorSerializer,
    InvitationRequestSerializer,
    PublishSerializer,
    RectificationDoneSerializer,
    SanctionReferralSerializer,
    ScoreEntrySerializer,
    ScoreSerializer,
    SurveyResponseSerializer,
    SurveySerializer,
    SurveySettingsSerializer,
    TemplateSerializer,
)


class TemplateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Evaluation templates the caller may use: its regions' own and the province-wide default. A county admin
    creates templates for its county; a template used by an evaluation is frozen (409 on update)."""

    serializer_class = TemplateSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        return (
            EvaluationTemplate.objects.visible_to(self.request.user)
            .select_related("region")
            .prefetch_related("parties__indicators")
        )

    def _fields(self, data: dict) -> dict:
        parties = [
            {
                "party": p["party"],
                "weight": p["weight"],
                "indicators": [dict(i) for i in p.get("indicators", [])],
            }
            for p in data.get("parties", [])
        ]
        fields = {
            "name": data["name"],
            "parties": parties,
            "service_category": data.get("service_category", ""),
        }
        for key in ("excellent_min", "good_min", "pass_min", "min_sample"):
            if key in data:
                fields[key] = data[key]
        return fields

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        template = services.template_create(
            actor=request.user,
            region=serializer.validated_data.get("region"),
            **self._fields(serializer.validated_data),
        )
        return Response(self.get_serializer(template).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        template = self.get_object()
        serializer = self.get_serializer(template, data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = self._fields(serializer.validated_data)
        fields["active"] = serializer.validated_data.get("active", True)
        template = services.template_update(actor=request.user, template=template, **fields)
        return Response(self.get_serializer(self.get_queryset().get(pk=template.pk)).data)


class EvaluationViewSet(
    StepActionsMixin, RegionScopedMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Evaluations of contracts in the caller's regions. POST creates one for a contract (its survey with it);
    the steps are POST actions: `/scores/`, `/evaluator/`, `/publish/`, `/cancel/`, `/rectification/`,
    `/sanction/`. Out of scope is 404; bad input is 400 with nothing saved; a closed evaluation is 409."""

    queryset = Evaluation.objects.all()
    permission_classes = [permissions.IsAuthenticated, RegionWritePermission]
    step_target = "evaluation"
    filterset_class = EvaluationFilterSet

    def get_queryset(self):
        qs = super().get_queryset()
        if self.action == "list":
            return qs.select_related("contract__project", "contract__contractor", "region", "survey")
        return selectors.evaluation_with_tree(qs).select_related("rectification")

    def get_serializer_class(self):
        return {
            "create": EvaluationCreateSerializer,
            "retrieve": EvaluationDetailSerializer,
            "publish": PublishSerializer,
            "evaluator": EvaluatorSerializer,
            "sanction": SanctionReferralSerializer,
            "rectification": RectificationDoneSerializer,
        }.get(self.action, EvaluationSerializer)

    def _detail(self, pk) -> Response:
        obj = self.get_queryset().get(pk=pk)
        return Response(EvaluationDetailSerializer(obj, context=self.get_serializer_context()).data)

    def create(self, request, *args, **kwargs):
        serializer = EvaluationCreateSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        evaluation = services.evaluation_create(actor=request.user, **serializer.validated_data)
        response = self._detail(evaluation.pk)
        response.status_code = status.HTTP_201_CREATED
        return response

    @extend_schema(request=ScoreEntrySerializer, responses=ScoreSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def scores(self, request, pk=None):
        """GET: every score entered so far. POST {party, scores: [{indicator, value, comment}]}: the purchaser's or
        the third party's scores (0–100); the recipients' come from the survey."""
        evaluation = self.get_object()
        if request.method == "POST":
            serializer = ScoreEntrySerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            services.score_enter(actor=request.user, evaluation=evaluation, **serializer.validated_data)
        rows = Score.objects.filter(evaluation=evaluation).select_related("indicator__party")
        return Response(ScoreSerializer(rows, many=True).data)

    def step_response(self, obj) -> Response:
        return self._detail(obj.pk)

    @action(detail=True, methods=["post"])
    def publish(self, request, pk=None):
        """Publish the result (all parties scored, evaluator assigned, minimum sample reached); a fail needs
        rectification requirements and a deadline in the same request."""
        return self.run_step(request, services.evaluation_publish, PublishSerializer)

    @action(detail=True, methods=["post"])
    def evaluator(self, request, pk=None):
        """Assign the third-party evaluator: {name, credit_code, declared_codes}; refused when it is or is linked
        to the contractor."""
        return self.run_step(request, services.evaluation_assign_evaluator, EvaluatorSerializer)

    @action(detail=True, methods=["post"])
    def sanction(self, request, pk=None):
        """Refer serious findings to procurement: opens a sanction of the contractor (粤民发〔2018〕170号 一(七))."""
        return self.run_step(request, services.evaluation_refer_sanction, SanctionReferralSerializer)

    @action(detail=True, methods=["post"])
    def rectification(self, request, pk=None):
        """Record the rectification a failed evaluation required as done: {outcome, completed_on}."""
        return self.run_step(request, _rectification_complete, RectificationDoneSerializer)


def _rectification_complete(*, actor, evaluation: Evaluation, **data) -> None:
    """The rectification step takes the evaluation's rectification (404 when the evaluation required none)."""
    rectification = Rectification.objects.filter(evaluation=evaluation).first()
    if rectification is None:
        raise Http404
    services.rectification_complete(actor=actor, rectification=rectification, **data)


class SurveyViewSet(RegionScopedMixin, viewsets.ReadOnlyModelViewSet):
    """Satisfaction surveys: the questionnaire, response count and rate. `/responses/` lists anonymous responses
    (GET) and takes one (POST {channel, answers: {question id: 1–5}}); `/invitations/` issues one-time codes;
    `/settings/` sets the population and the minimum sample."""

    queryset = Survey.objects.all()
    serializer_class = SurveySerializer
    permission_classes = [permissions.IsAuthenticated, RegionWritePermission]

    def get_queryset(self):
        return super().get_queryset().select_related("evaluation__contract__project", "evaluation__region")

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "list":
            by_template: dict[int, list] = {}
            recipient_questions = TemplateIndicator.objects.filter(
                party__party=Party.RECIPIENT
            ).select_related("party")
            for q in recipient_questions.order_by("position", "id"):
                by_template.setdefault(q.party.template_id, []).append(q)
            context["questions"] = by_template
        return context

    @extend_schema(request=SurveyResponseSerializer, responses=SurveyResponseSerializer(many=True))
    @action(detail=True, methods=["get", "post"])
    def responses(self, request, pk=None):
        # a provincial system's account may send responses (the service allows it the API channel only)
        self.write_roles = INTAKE_ROLES
        survey = self.get_object()
        if request.method == "POST":
            serializer = SurveyResponseSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            response = services.response_submit(
                actor=request.user, survey=survey, **serializer.validated_data
            )
            return Response(SurveyResponseSerializer(response).data, status=status.HTTP_201_CREATED)
        page = self.paginate_queryset(survey.responses.order_by("-id"))
        return self.get_paginated_response(SurveyResponseSerializer(page, many=True).data)

    @extend_schema(request=InvitationRequestSerializer)
    @action(detail=True, methods=["post"])
    def invitations(self, request, pk=None):
        survey = self.get_object()
        serializer = InvitationRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        made = services.invitations_issue(actor=request.user, survey=survey, **serializer.validated_data)
        return Response(
            {
                "codes": [i.code for i in made],
                "url": request.build_absolute_uri(reverse("evaluation:survey-public")),
            },
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=SurveySettingsSerializer)
    @action(detail=True, methods=["post"], url_path="settings")
    def configure(self, request, pk=None):
        survey = self.get_object()
        serializer = SurveySettingsSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.survey_update(actor=request.user, survey=survey, **serializer.validated_data)
        return Response(self.get_serializer(self.get_queryset().get(pk=survey.pk)).data)
