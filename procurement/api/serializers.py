"""API serializers. Contact phones leave masked; recipients' personal data is never part of this app."""

from __future__ import annotations

import json

from rest_framework import serializers

from core.api.fields import CodeChoiceField, ModelSerializer, ScopedPrimaryKeyField
from regions.api.base import ScopedRegionField
from regions.rules import mask_phone

from ..choices import (
    Assistance,
    Condition,
    FundingSource,
    Method,
    MethodCondition,
    StandardDimension,
    TakeoverParty,
    WorkKind,
)
from ..models import (
    Bid,
    CatalogueItem,
    Contract,
    Contractor,
    EligibilityReview,
    Project,
    ProjectEvent,
    Sanction,
)
from ..rules import PROJECT_TRANSITIONS
from .fields import ContractorCodeField


class JSONListField(serializers.ListField):
    """A list that may also come as a JSON string (multipart uploads send nested data that way)."""

    def get_value(self, dictionary):
        if hasattr(dictionary, "getlist") and self.field_name in dictionary:
            values = dictionary.getlist(self.field_name)
            if len(values) == 1 and isinstance(values[0], str) and values[0].lstrip().startswith("["):
                return values[0]
        return super().get_value(dictionary)

    def to_internal_value(self, data):
        if isinstance(data, str):
            try:
                data = json.loads(data)
            except ValueError:
                raise serializers.ValidationError("须为JSON列表 / must be a JSON list") from None
        return super().to_internal_value(data)


# --- catalogue and contractors ---


class CatalogueItemSerializer(ModelSerializer):
    region = ScopedRegionField(required=False, allow_null=True, levels=["province", "city", "county"])
    work_kind_label = serializers.CharField(source="get_work_kind_display", read_only=True)
    assistance_label = serializers.CharField(source="get_assistance_display", read_only=True)

    class Meta:
        model = CatalogueItem
        fields = [
            "id",
            "code",
            "name",
            "work_kind",
            "work_kind_label",
            "assistance",
            "assistance_label",
            "government_only",
            "region",
            "description",
            "active",
        ]
        read_only_fields = ["active"]


class CatalogueItemCreateSerializer(serializers.Serializer):
    region = ScopedRegionField(levels=["province", "city", "county"])
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=100)
    work_kind = CodeChoiceField(choices=WorkKind.choices)
    assistance = CodeChoiceField(choices=Assistance.choices)
    government_only = serializers.BooleanField(default=False)
    description = serializers.CharField(required=False, allow_blank=True, default="")


class ContractorSerializer(ModelSerializer):
    region = ScopedRegionField()
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    contact_phone = serializers.CharField(required=False, allow_blank=True, max_length=30)

    class Meta:
        model = Contractor
        fields = [
            "id",
            "name",
            "credit_code",
            "kind",
            "kind_label",
            "legal_representative",
            "contact_name",
            "contact_phone",
            "address",
            "region",
            "created_at",
        ]
        read_only_fields = ["created_at"]
        # uniqueness is checked by the service with a bilingual message
        extra_kwargs = {"credit_code": {"validators": []}}

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["contact_phone"] = mask_phone(instance.contact_phone)
        return data


class ReviewConditionInput(serializers.Serializer):
    condition = CodeChoiceField(choices=Condition.choices)
    met = serializers.BooleanField()
    evidence_note = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewSerializer(ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)
    reviewer = serializers.CharField(source="reviewer.username", read_only=True)
    work_kind = serializers.CharField(read_only=True)
    result = serializers.CharField(read_only=True)
    conditions = serializers.SerializerMethodField()

    class Meta:
        model = EligibilityReview
        fields = [
            "id",
            "contractor",
            "region",
            "work_kind",
            "result",
            "reviewer",
            "reviewed_on",
            "valid_until",
            "local_conditions",
            "note",
            "conditions",
        ]

    def get_conditions(self, obj) -> list[dict]:
        return [
            {
                "condition": c.condition,
                "label": str(c.get_condition_display()),
                "met": c.met,
                "evidence_note": c.evidence_note,
                "evidence_file": c.evidence_file.url if c.evidence_file else "",
            }
            for c in obj.conditions.all()
        ]


class ReviewCreateSerializer(serializers.Serializer):
    """Conditions as a list (JSON, or a JSON string in multipart); files as `evidence_<condition>`."""

    region = ScopedRegionField(levels=["province", "city", "county"])
    work_kind = CodeChoiceField(choices=WorkKind.choices)
    reviewed_on = serializers.DateField(required=False)
    valid_until = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    conditions = JSONListField(child=ReviewConditionInput())


# --- projects ---


class StandardInput(serializers.Serializer):
    dimension = CodeChoiceField(choices=StandardDimension.choices)
    indicator = serializers.CharField(max_length=200)
    target = serializers.CharField(max_length=100)


class CriterionInput(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    weight = serializers.DecimalField(max_digits=5, decimal_places=2)
    is_price = serializers.BooleanField(default=False)


class EventSerializer(ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True, default="")
    from_status = serializers.CharField(read_only=True)
    to_status = serializers.CharField(read_only=True)

    class Meta:
        model = ProjectEvent
        fields = ["action", "from_status", "to_status", "actor", "at", "note"]


class ProjectSerializer(ModelSerializer):
    purchaser = serializers.CharField(source="purchaser.code")
    purchaser_name = serializers.CharField(source="purchaser.name")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    method_label = serializers.CharField(source="get_method_display")
    items = serializers.SerializerMethodField()
    standards = serializers.SerializerMethodField()
    criteria = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "purchaser",
            "purchaser_name",
            "year",
            "title",
            "items",
            "budget",
            "funding_source",
            "in_central_catalogue",
            "method",
            "method_label",
            "method_condition",
            "approval_reference",
            "original_contract",
            "public_call",
            "description",
            "status",
            "status_label",
            "round",
            "announced_on",
            "bid_deadline",
            "awarded_on",
            "awarded_bid",
            "failure_reason",
            "standards",
            "criteria",
            "allowed_actions",
            "created_at",
        ]
        read_only_fields = fields

    def get_items(self, obj) -> list[str]:
        return [item.code for item in obj.items.all()]

    def get_standards(self, obj) -> list[dict]:
        return [
            {"dimension": s.dimension, "indicator": s.indicator, "target": s.target}
            for s in obj.standards.all()
        ]

    def get_criteria(self, obj) -> list[dict]:
        return [
            {"id": c.pk, "name": c.name, "weight": str(c.weight), "is_price": c.is_price}
            for c in obj.criteria.all()
        ]

    def get_allowed_actions(self, obj) -> list[str]:
        return [action for (state, action) in PROJECT_TRANSITIONS if state == obj.status]


class ProjectDetailSerializer(ProjectSerializer):
    events = EventSerializer(many=True, read_only=True)

    class Meta(ProjectSerializer.Meta):
        fields = [*ProjectSerializer.Meta.fields, "events"]
        read_only_fields = fields


class ProjectCreateSerializer(serializers.Serializer):
    purchaser = ScopedRegionField(levels=["province", "city", "county", "township"])
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    title = serializers.CharField(max_length=200)
    items = serializers.ListField(child=serializers.CharField(), allow_empty=False)
    budget = serializers.DecimalField(max_digits=14, decimal_places=2)
    funding_source = CodeChoiceField(choices=FundingSource.choices)
    in_central_catalogue = serializers.BooleanField(default=False)
    method = CodeChoiceField(choices=Method.choices)
    method_condition = CodeChoiceField(
        choices=MethodCondition.choices, required=False, allow_blank=True, default=""
    )
    approval_reference = serializers.CharField(required=False, allow_blank=True, default="")
    original_contract = ScopedPrimaryKeyField(
        queryset=Contract.objects.all(), required=False, allow_null=True
    )
    public_call = serializers.BooleanField(default=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    standards = StandardInput(many=True)
    criteria = CriterionInput(many=True)

    def validate_items(self, codes):
        items = {i.code: i for i in CatalogueItem.objects.filter(code__in=codes).select_related("region")}
        unknown = [c for c in codes if c not in items]
        if unknown:
            raise serializers.ValidationError(
                f"未知的目录编码：{', '.join(unknown)} / unknown catalogue codes"
            )
        return [items[c] for c in codes]


class PublishSerializer(serializers.Serializer):
    announced_on = serializers.DateField(required=False)
    bid_deadline = serializers.DateField(required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()


class SwitchMethodSerializer(serializers.Serializer):
    method = CodeChoiceField(choices=Method.choices)
    method_condition = CodeChoiceField(choices=MethodCondition.choices)
    approval_reference = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField()


class BidSerializer(ModelSerializer):
    contractor = serializers.SerializerMethodField()
    document = serializers.FileField(read_only=True)
    status = serializers.CharField(read_only=True)
    track_record = serializers.SerializerMethodField()

    class Meta:
        model = Bid
        fields = [
            "id",
            "round",
            "contractor",
            "price",
            "submitted_on",
            "document",
            "status",
            "invalid_reason",
            "track_record",
        ]
        read_only_fields = fields

    def get_contractor(self, obj) -> dict:
        return {
            "id": obj.contractor_id,
            "name": obj.contractor.name,
            "credit_code": obj.contractor.credit_code,
        }

    def get_track_record(self, obj) -> list[dict]:
        return self.context.get("track_record", {}).get(obj.contractor_id, [])


class BidCreateSerializer(serializers.Serializer):
    contractor = ContractorCodeField()
    price = serializers.DecimalField(max_digits=14, decimal_places=2)
    submitted_on = serializers.DateField(required=False)
    document = serializers.FileField(required=False)


class ScoreSerializer(serializers.Serializer):
    bid = serializers.IntegerField()
    scores = serializers.DictField(
        child=serializers.DecimalField(max_digits=5, decimal_places=2), allow_empty=False
    )


class InvalidateSerializer(serializers.Serializer):
    bid = serializers.IntegerField()
    reason = serializers.CharField()


# --- contracts ---


class ObligationInput(serializers.Serializer):
    description = serializers.CharField(max_length=200)
    recipients = serializers.IntegerField(min_value=0, default=0)


class TakeoverPlanInput(serializers.Serializer):
    party = CodeChoiceField(choices=TakeoverParty.choices)
    standby_contractor = ContractorCodeField(required=False, allow_null=True)
    staff_description = serializers.CharField(required=False, allow_blank=True, default="")
    triggers = serializers.CharField()
    handover = serializers.CharField()


class ContractSerializer(ModelSerializer):
    project_title = serializers.CharField(source="project.title")
    purchaser = serializers.CharField(source="project.purchaser.code")
    contractor = serializers.SerializerMethodField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    standards = serializers.SerializerMethodField()
    takeover_plan = serializers.SerializerMethodField()
    obligations = serializers.SerializerMethodField()

    class Meta:
        model = Contract
        fields = [
            "id",
            "number",
            "project",
            "project_title",
            "purchaser",
            "contractor",
            "amount",
            "signed_on",
            "start_date",
            "end_date",
            "no_subcontracting",
            "status",
            "status_label",
            "standards",
            "takeover_plan",
            "obligations",
        ]
        read_only_fields = fields

    def get_contractor(self, obj) -> dict:
        return {
            "id": obj.contractor_id,
            "name": obj.contractor.name,
            "credit_code": obj.contractor.credit_code,
        }

    def get_standards(self, obj) -> list[dict]:
        return [
            {"id": s.pk, "dimension": s.dimension, "indicator": s.indicator, "target": s.target}
            for s in obj.standards.all()
        ]

    def get_takeover_plan(self, obj) -> dict | None:
        plan = getattr(obj, "takeover_plan", None)
        if plan is None:
            return None
        return {
            "party": plan.party,
            "standby_contractor": plan.standby_contractor.credit_code if plan.standby_contractor else None,
            "staff_description": plan.staff_description,
            "triggers": plan.triggers,
            "handover": plan.handover,
            "activated_at": plan.activated_at,
            "activation_reason": plan.activation_reason,
            "obligations_open": plan.obligations_open,
            "obligations_moved": plan.obligations_moved,
        }

    def get_obligations(self, obj) -> list[dict]:
        return [
            {
                "id": o.pk,
                "description": o.description,
                "recipients": o.recipients,
                "status": o.status,
                "holder": o.holder,
                "holder_contractor": o.holder_contractor_id,
                "transferred_at": o.transferred_at,
            }
            for o in obj.obligations.all()
        ]


class ContractCreateSerializer(serializers.Serializer):
    project = ScopedPrimaryKeyField(queryset=Project.objects.all())
    number = serializers.CharField(max_length=50)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    signed_on = serializers.DateField()
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    obligations = ObligationInput(many=True, required=False)
    takeover_plan = TakeoverPlanInput(required=False, allow_null=True)


class OutputInput(serializers.Serializer):
    standard = serializers.IntegerField()
    actual = serializers.CharField(max_length=100)
    met = serializers.BooleanField()


class MonitoringSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    checked_on = serializers.DateField()
    inspector = serializers.CharField(source="inspector.username", read_only=True)
    outputs = OutputInput(many=True, write_only=True)
    problems = serializers.CharField(required=False, allow_blank=True, default="")
    rectification_demanded = serializers.CharField(required=False, allow_blank=True, default="")
    rectification_due = serializers.DateField(required=False, allow_null=True)
    rectified_on = serializers.DateField(read_only=True)
    rectification_note = serializers.CharField(read_only=True)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["outputs"] = [
            {"standard": o.standard_id, "actual": o.actual, "met": o.met} for o in instance.outputs.all()
        ]
        return data


class RectifiedSerializer(serializers.Serializer):
    record = serializers.IntegerField()
    rectified_on = serializers.DateField()
    note = serializers.CharField()


class FinancialReportSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    received = serializers.DecimalField(max_digits=14, decimal_places=2)
    spent = serializers.DecimalField(max_digits=14, decimal_places=2)
    staff_costs = serializers.DecimalField(max_digits=14, decimal_places=2, default=0)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    document = serializers.FileField(required=False)
    submitted_at = serializers.DateTimeField(read_only=True)


class AcceptanceSerializer(serializers.Serializer):
    checked_on = serializers.DateField()
    outputs = OutputInput(many=True, write_only=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    result = serializers.CharField(read_only=True)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["outputs"] = [
            {"standard": o.standard_id, "actual": o.actual, "met": o.met} for o in instance.outputs.all()
        ]
        return data


# --- sanctions ---


class SanctionSerializer(ModelSerializer):
    contractor = ContractorCodeField()
    contractor_name = serializers.CharField(source="contractor.name", read_only=True)
    region = ScopedRegionField(required=False, allow_null=True)
    contract = ScopedPrimaryKeyField(queryset=Contract.objects.all(), required=False, allow_null=True)
    kind = serializers.CharField(
        max_length=30, help_text="breach / fraud / subcontracting / poor_performance / other"
    )
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Sanction
        fields = [
            "id",
            "contractor",
            "contractor_name",
            "region",
            "contract",
            "kind",
            "kind_label",
            "reason",
            "penalty",
            "terminates_contract",
            "debar_from",
            "debar_to",
            "decided_on",
        ]
        read_only_fields = ["decided_on"]
        validators = []


class DebarmentSerializer(ModelSerializer):
    """The public debarment list: organisation, credit code, period, kind, deciding region."""

    contractor = serializers.CharField(source="contractor.name")
    credit_code = serializers.CharField(source="contractor.credit_code")
    kind = serializers.CharField()
    kind_label = serializers.CharField(source="get_kind_display")
    region = serializers.CharField(source="region.name")

    class Meta:
        model = Sanction
        fields = ["contractor", "credit_code", "kind", "kind_label", "region", "debar_from", "debar_to"]
        read_only_fields = fields


def _name_components() -> None:
    """Prefix every component with "Procurement" so names never collide with other apps' serializers."""
    from drf_spectacular.utils import extend_schema_serializer

    for name, value in list(globals().items()):
        if (
            isinstance(value, type)
            and issubclass(value, serializers.BaseSerializer)
            and value.__module__ == __name__
        ):
            extend_schema_serializer(component_name=f"Procurement{name.removesuffix('Serializer')}")(value)


_name_components()
