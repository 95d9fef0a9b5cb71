"""Serializer fields of the procurement API: a contractor named by its credit code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import Contractor


@extend_schema_field(OpenApiTypes.STR)
class ContractorCodeField(serializers.SlugRelatedField):
    """A contractor by its unified social credit code (organisations are public: any registered one)."""

    default_error_messages = {
        "does_not_exist": gettext_lazy("未登记的统一社会信用代码 {value}"),
        "invalid": gettext_lazy("统一社会信用代码无效"),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "credit_code")
        kwargs.setdefault("queryset", Contractor.objects.all())
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        return super().to_internal_value(str(data).strip().upper())
