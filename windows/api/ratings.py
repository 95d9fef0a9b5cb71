"""好差评 API (国办发〔2019〕51号): ratings (one per case: a second is 409), figures per window, township or county
for the provincial overview, and the follow-up of bad ratings as workflow steps (409 when the state moved on)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a ValueError
from rest_framework.response import Response

from core.api.steps import StepActionsMixin
from regions.api.base import RegionScopedMixin

from .. import selectors, services
from ..choices import FeedbackMethod, RatingChannel, RatingGrade
from ..models import Case, CaseRating, RatingFollowUp


class FollowUpSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="rating.case.number", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = RatingFollowUp
        fields = [
            "id",
            "case",
            "status",
            "status_label",
            "callback_due",
            "callback_done_on",
            "callback_note",
            "verified",
            "rectification_due",
            "rectified_on",
            "rectification_note",
            "appeal_reason",
            "appeal_decision",
            "appeal_upheld",
            "outcome",
            "outcome_method",
            "closed_at",
        ]
        read_only_fields = fields


class RatingSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.number", read_only=True)
    grade_label = serializers.CharField(source="get_grade_display", read_only=True)
    window_name = serializers.CharField(source="window.name", read_only=True, default=None)
    first_responder = serializers.CharField(source="first_responder.username", read_only=True)
    follow_up = serializers.SerializerMethodField()

    class Meta:
        model = CaseRating
        fields = [
            "id",
            "case",
            "grade",
            "grade_label",
            "comment",
            "channel",
            "window",
            "window_name",
            "first_responder",
            "region_code",
            "rated_at",
            "follow_up",
        ]
        read_only_fields = fields

    def get_follow_up(self, obj) -> int | None:
        follow_up = getattr(obj, "follow_up", None)
        return follow_up.pk if follow_up else None


class RatingCreateSerializer(serializers.Serializer):
    case = serializers.CharField(max_length=32, help_text="事项编号")
    grade = serializers.ChoiceField(choices=RatingGrade.choices)
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="窗口 id 或区划代码")
    name = serializers.CharField(allow_null=True)
    total = serializers.IntegerField()
    grade_5 = serializers.IntegerField()
    grade_4 = serializers.IntegerField()
    grade_3 = serializers.IntegerField()
    grade_2 = serializers.IntegerField()
    grade_1 = serializers.IntegerField()
    bad = serializers.IntegerField()
    bad_share = serializers.FloatField(help_text="差评率（%）")
    follow_ups = serializers.IntegerField()
    callback_on_time = serializers.IntegerField()
    rectified = serializers.IntegerField()
    rectified_on_time = serializers.IntegerField()
    follow_ups_closed = serializers.IntegerField()


class NoteInput(serializers.Serializer):
    note = serializers.CharField()


class AppealInput(serializers.Serializer):
    reason = serializers.CharField()


class DecisionInput(serializers.Serializer):
    decision = serializers.CharField()


class TellInput(serializers.Serializer):
    method = serializers.ChoiceField(choices=FeedbackMethod.choices)
    outcome = serializers.CharField()


class RatingViewSet(
    RegionScopedMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Ratings of the windows in the caller's regions. `POST` records the applicant's rating given at the window
    (one per case: 409 for a second); `GET summary/?by=window|township|county` gives the figures."""

    queryset = CaseRating.objects.select_related("case", "window", "first_responder", "follow_up")
    serializer_class = RatingSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["grade", "channel", "window"]

    @extend_schema(request=RatingCreateSerializer, responses={201: RatingSerializer})
    def create(self, request):
        data = RatingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = get_object_or_404(Case.objects.visible_to(request.user), number=data.validated_data["case"])
        rating = services.rating_submit(
            actor=request.user,
            case=case,
            grade=data.validated_data["grade"],
            comment=data.validated_data["comment"],
            channel=RatingChannel.WINDOW,
        )
        return Response(self.get_serializer(rating).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter("by", OpenApiTypes.STR, enum=list(selectors.RATING_GROUPS))],
        responses=FigureSerializer(many=True),
    )
    @action(detail=False, methods=["get"], pagination_class=None)
    def summary(self, request):
        by = request.query_params.get("by", "township")
        if by not in selectors.RATING_GROUPS:
            raise serializers.ValidationError({"by": _("by 应为 window、township 或 county")})
        return Response(FigureSerializer(selectors.rating_figures(request.user, by), many=True).data)


class FollowUpViewSet(
    StepActionsMixin,
    RegionScopedMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Follow-ups of bad ratings in the caller's regions; each step is a POST (409 when the state moved on)."""

    queryset = RatingFollowUp.objects.select_related("rating__case")
    serializer_class = FollowUpSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["status"]
    step_target = "follow_up"

    @extend_schema(request=NoteInput, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        return self.run_step(request, services.follow_up_verify, NoteInput)

    @extend_schema(request=NoteInput, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def unfounded(self, request, pk=None):
        return self.run_step(request, services.follow_up_unfounded, NoteInput)

    @extend_schema(request=AppealInput, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def appeal(self, request, pk=None):
        return self.run_step(request, services.follow_up_appeal, AppealInput)

    @extend_schema(request=DecisionInput, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def uphold(self, request, pk=None):
        return self.run_step(request, services.follow_up_uphold, DecisionInput)

    @extend_schema(request=DecisionInput, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        return self.run_step(request, services.follow_up_dismiss, DecisionInput)

    @extend_schema(request=NoteInput, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def rectify(self, request, pk=None):
        return self.run_step(request, services.follow_up_rectify, NoteInput)

    @extend_schema(request=TellInput, responses=FollowUpSerializer)
    @action(detail=True, methods=["post"])
    def tell(self, request, pk=None):
        return self.run_step(request, services.follow_up_tell, TellInput)
