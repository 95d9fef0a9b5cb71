"""Serializers of the supervision API (粤民发〔2018〕170号 一(七) 上级业务指导和监督)."""

from __future__ import annotations

from rest_framework import serializers

from ..choices import TARGET_KINDS, InstructionKind
from ..models import Instruction, InstructionEvent


class InstructionEventSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username")

    class Meta:
        model = InstructionEvent
        fields = ["action", "note", "actor", "at"]


class InstructionSerializer(serializers.ModelSerializer):
    target_kind = serializers.SerializerMethodField()
    events = InstructionEventSerializer(many=True, read_only=True)

    class Meta:
        model = Instruction
        fields = [
            "id",
            "kind",
            "target_kind",
            "object_id",
            "target_label",
            "region_code",
            "issuer_region_code",
            "finding",
            "requirement",
            "deadline",
            "status",
            "rectification",
            "evidence",
            "answered_at",
            "review_note",
            "returned_count",
            "closed_at",
            "created_at",
            "events",
        ]
        read_only_fields = fields

    def get_target_kind(self, obj) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"


class IssueSerializer(serializers.Serializer):
    target_kind = serializers.ChoiceField(choices=list(TARGET_KINDS))
    target_id = serializers.IntegerField(min_value=1)
    kind = serializers.ChoiceField(choices=InstructionKind.choices)
    finding = serializers.CharField()
    requirement = serializers.CharField()
    deadline = serializers.DateField()


class AnswerSerializer(serializers.Serializer):
    rectification = serializers.CharField()
    evidence = serializers.CharField()


class ReturnSerializer(serializers.Serializer):
    note = serializers.CharField()


class CloseSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
