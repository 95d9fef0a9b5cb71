"""Supervision of a running contract: checks with outputs, rectification, financial reports, acceptance."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse
from rest_framework import serializers

from core.api.fields import CodeChoiceField

from ...choices import DeliveredBy, FindingSource, FindingStatus, PaymentPurpose


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
    delivered_by = CodeChoiceField(
        choices=DeliveredBy.choices,
        help_text="who delivered the service (严禁服务转包): own_staff / other",
    )
    delivery_staff = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    third_party = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)

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


class PaymentSerializer(serializers.Serializer):
    """A payment to a third party in a financial report; `service` (the service itself) is subcontracting."""

    payee = serializers.CharField(max_length=200)
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=Decimal("0.01"))
    purpose = CodeChoiceField(choices=PaymentPurpose.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class FinancialReportSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    received = serializers.DecimalField(max_digits=14, decimal_places=2)
    spent = serializers.DecimalField(max_digits=14, decimal_places=2)
    staff_costs = serializers.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
    note = serializers.CharField(required=False, allow_blank=True, default="")
    document = serializers.FileField(required=False)
    submitted_at = serializers.DateTimeField(read_only=True)
    payments = PaymentSerializer(many=True, required=False, write_only=True)

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["payments"] = PaymentSerializer(instance.third_party_payments.all(), many=True).data
        # never the media URL: the report is served only through the contract's scoped view, as an attachment
        data["document"] = (
            reverse("procurement:report_file", args=[instance.contract_id, instance.pk])
            if instance.document
            else ""
        )
        return data


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


class SubcontractingFindingSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    contract = serializers.IntegerField(source="contract_id", read_only=True)
    contract_number = serializers.CharField(source="contract.number", read_only=True)
    found_by = CodeChoiceField(choices=FindingSource.choices, source="source", read_only=True)
    monitoring = serializers.IntegerField(source="monitoring_id", read_only=True, allow_null=True)
    report = serializers.IntegerField(source="report_id", read_only=True, allow_null=True)
    third_party = serializers.CharField(read_only=True)
    detail = serializers.CharField(read_only=True)
    found_on = serializers.DateField(read_only=True)
    status = CodeChoiceField(choices=FindingStatus.choices, read_only=True)
    sanction = serializers.IntegerField(source="sanction_id", read_only=True, allow_null=True)


class SubcontractingSanctionInput(serializers.Serializer):
    reason = serializers.CharField()
    penalty = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=Decimal(0), required=False, allow_null=True
    )
    debar_from = serializers.DateField(required=False, allow_null=True)
    debar_to = serializers.DateField(required=False, allow_null=True)
