"""Contracts, their obligations and takeover plan (粤民发〔2018〕170号 一(五), 一(七))."""

from __future__ import annotations

from rest_framework import serializers

from core.api.fields import CodeChoiceField, ModelSerializer, ScopedPrimaryKeyField

from ...choices import (
    TakeoverParty,
)
from ...models import (
    Contract,
    Project,
)
from ..fields import ContractorCodeField


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
    subcontracting_findings = serializers.SerializerMethodField(
        help_text="严禁服务转包 (一(七)): findings raised by checks and financial reports, open or sanctioned"
    )

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
            "subcontracting_findings",
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

    def get_subcontracting_findings(self, obj) -> list[dict]:
        return [
            {
                "id": f.pk,
                "found_by": f.source,
                "third_party": f.third_party,
                "found_on": f.found_on,
                "status": f.status,
                "sanction": f.sanction_id,
            }
            for f in obj.subcontracting_findings.all()
        ]

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
