"""Serializer fields every app's API uses: records limited to the caller's scope, choices typed as strings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


@extend_schema_field(OpenApiTypes.INT)
class ScopedPrimaryKeyField(serializers.PrimaryKeyRelatedField[Any]):
    """A record id, limited to what the caller may see (`visible_to`): out of scope reads as unknown."""

    def get_queryset(self) -> models.QuerySet[Any]:
        # Any: the model's queryset is a RegionScopedQuerySet (`visible_to`), which core may not import
        qs: Any = super().get_queryset()
        request = self.context.get("request")
        scoped: models.QuerySet[Any] = qs.visible_to(request.user) if request is not None else qs.none()
        return scoped


@extend_schema_field(OpenApiTypes.STR)
class CodeChoiceField(serializers.ChoiceField):
    """A choice validated against its codes and typed as a plain string in the schema, the codes listed in its
    description (several apps use field names like `method` or `status` for different choice sets)."""

    def __init__(self, choices: Sequence[tuple[Any, Any]], **kwargs: Any) -> None:
        kwargs.setdefault("help_text", " / ".join(f"{value}={label}" for value, label in choices))
        super().__init__(choices, **kwargs)


class ModelSerializer(serializers.ModelSerializer[Any]):
    serializer_choice_field = CodeChoiceField
