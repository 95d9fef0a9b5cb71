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
    # the other side of a one-to-one (a case's appointment, an attendance's certificate) is no column of this model:
    # logged, it would cost a query on every save of it and record nothing the other model's own log lacks
    reverse = [f.name for f in model._meta.get_fields() if f.one_to_one and f.auto_created and not f.concrete]
    auditlog.register(model, mask_fields=list(personal), exclude_fields=list(exclude) + hashes + reverse)


track(Region)
track(RegionUserObjectPermission)
