"""Pieces the procurement serializers share: lists that may come as JSON, the note and reason of a step."""

from __future__ import annotations

import json

from django.utils.translation import gettext as _
from rest_framework import serializers


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
                raise serializers.ValidationError(_("须为JSON列表")) from None
        return super().to_internal_value(data)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField()
