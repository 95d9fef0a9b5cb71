"""Change history (django-auditlog) for every domain model, with personal fields masked.

Apps call `track(Model, personal=[...])` from their AppConfig.ready(); encrypted-field hashes are never logged.
"""

from __future__ import annotations

from auditlog.context import set_actor
from auditlog.registry import auditlog
from django.db import models

from .models import Region, RegionUserObjectPermission

__all__ = ["track", "set_actor"]


def track(
    model: type[models.Model],
    *,
    personal: list[str] | tuple[str, ...] = (),
    exclude: list[str] | tuple[str, ...] = (),
) -> None:
    hashes = [h for f in model._meta.fields if (h := getattr(f, "hash_field", None))]
    auditlog.register(model, mask_fields=list(personal), exclude_fields=list(exclude) + hashes)


track(Region)
track(RegionUserObjectPermission)
