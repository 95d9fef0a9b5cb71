"""Plumbing for services: applying a set of field changes to a model instance."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

M = TypeVar("M", bound=models.Model)

NOT_EDITABLE = gettext_lazy("该字段不能修改")


def model_update(
    instance: M, changes: Mapping[str, Any], *, allowed: Iterable[str], message: str | Promise = NOT_EDITABLE
) -> M:
    """Set `changes` on `instance` (not saved). A name outside `allowed` refuses the whole change with a
    ValidationError naming each such field; nothing is set then. Validation and saving stay with the caller."""
    allowed = set(allowed)
    refused = sorted(set(changes) - allowed)
    if refused:
        raise ValidationError({name: message for name in refused})
    for name, value in changes.items():
        setattr(instance, name, value)
    return instance
