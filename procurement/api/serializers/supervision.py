"""Supervision of a running contract: checks with outputs, rectification, financial reports, acceptance."""

from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers


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
    staff_costs = serializers.DecimalField(max_digits=14, decimal_places=2, default=Decimal(0))
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
