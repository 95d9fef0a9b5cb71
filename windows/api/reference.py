"""API of the rule tables admins edit (domain.md 12): the holiday table and the time limits with their sources.

Reads for every signed-in user (the national rows and the counties in scope); writes through the services, which
check who may edit which rows (national: a province admin; a county's: its county admins) and keep the history.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, status, viewsets
from rest_framework.generics import get_object_or_404  # a malformed id is a 404, not a ValueError
from rest_framework.response import Response

from .. import selectors, services
from ..choices import CaseCategory, DeadlineStep
from ..models import DeadlineRule, Holiday
from ..rules import MAX_WORKING_DAYS

KINDS = {"holiday": False, "workday": True}


class HolidaySerializer(serializers.ModelSerializer):
    kind = serializers.SerializerMethodField(help_text="holiday（放假）/ workday（调休上班）")

    class Meta:
        model = Holiday
        fields = ["id", "date", "kind", "name", "region_code"]
        read_only_fields = fields

    def get_kind(self, obj: Holiday) -> str:
        return "workday" if obj.is_working_day else "holiday"


class HolidayWriteSerializer(serializers.Serializer):
    date = serializers.DateField()
    kind = serializers.ChoiceField(
        choices=list(KINDS),
        error_messages={"invalid_choice": "类型应为 holiday（放假）或 workday（调休上班）"},
    )
    name = serializers.CharField(max_length=50)
    region_code = serializers.CharField(max_length=12, required=False, allow_blank=True, default="")


class HolidayViewSet(viewsets.ModelViewSet):
    """The holiday table (`?year=2027`): national rows (empty `region_code`) and the counties' own days in scope.
    A year without national rows is not loaded: deadlines running into it are provisional."""

    serializer_class = HolidaySerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "put", "delete", "head", "options"]
    pagination_class = None

    def get_queryset(self):
        rows = selectors.holidays_all(self.request.user).order_by("date", "region_code")
        year = self.request.query_params.get("year", "")
        return rows.filter(date__year=int(year)) if year.isdigit() else rows

    def _save(self, request, holiday: Holiday | None) -> Holiday:
        data = HolidayWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        return services.holiday_save(
            actor=request.user,
            holiday=holiday,
            date=values["date"],
            is_working_day=KINDS[values["kind"]],
            name=values["name"],
            region_code=values["region_code"],
        )

    @extend_schema(request=HolidayWriteSerializer, responses={201: HolidaySerializer})
    def create(self, request, *args, **kwargs):
        return Response(HolidaySerializer(self._save(request, None)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=HolidayWriteSerializer, responses=HolidaySerializer)
    def update(self, request, *args, **kwargs):
        return Response(HolidaySerializer(self._save(request, self.get_object())).data)

    def destroy(self, request, *args, **kwargs):
        services.holiday_delete(actor=request.user, holiday=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class DeadlineRuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = DeadlineRule
        fields = ["id", "category", "step", "region_code", "working_days", "source", "statutory"]
        read_only_fields = fields


class DeadlineRuleWriteSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=CaseCategory.choices)
    step = serializers.ChoiceField(choices=DeadlineStep.choices)
    working_days = serializers.IntegerField(min_value=1, max_value=MAX_WORKING_DAYS)
    source = serializers.CharField(max_length=200)  # type: ignore[assignment]  # a field named like Field.source
    region_code = serializers.CharField(max_length=12, required=False, allow_blank=True, default="")
    statutory = serializers.BooleanField(required=False, default=False)


class DeadlineRuleViewSet(viewsets.ReadOnlyModelViewSet):
    """Time limits with their sources: province defaults (empty `region_code`) and the counties' own in scope.
    `POST` sets one (created or changed, by category, step and region); `DELETE` drops a county's own."""

    serializer_class = DeadlineRuleSerializer
    permission_classes = [permissions.IsAuthenticated]
    pagination_class = None

    def get_queryset(self):
        return selectors.time_limit_rows(self.request.user)

    @extend_schema(request=DeadlineRuleWriteSerializer, responses={200: DeadlineRuleSerializer})
    def create(self, request):
        data = DeadlineRuleWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rule = services.deadline_rule_save(actor=request.user, **data.validated_data)
        return Response(DeadlineRuleSerializer(rule).data)

    def destroy(self, request, pk=None):
        rule = get_object_or_404(self.get_queryset(), pk=pk)
        services.deadline_rule_delete(actor=request.user, rule=rule)
        return Response(status=status.HTTP_204_NO_CONTENT)
