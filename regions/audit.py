"""Change history (django-auditlog) for every domain model, with personal fields masked.

Apps call `track(Model, personal=[...])` from their AppConfig.ready(); encrypted-field hashes are never logged.
"""

from __future__ import annotations

from auditlog.context import set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.db import models

from .models import Region, RegionUserObjectPermission

__all__ = ["track", "set_actor", "log_bulk_write"]


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


def log_bulk_write(instance: models.Model, *, old: models.Model | None = None) -> None:
    """The audit entry of a row written in bulk (`QuerySet.update`, `bulk_create` send no signals): the entry
    django-auditlog writes on save, the same diff of the registered fields, the actor of `set_actor`. `old` is the
    instance before the change, None for a row created."""
    changes = model_instance_diff(
        old, instance, use_json_for_changes=getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    )
    if changes:
        action = LogEntry.Action.CREATE if old is None else LogEntry.Action.UPDATE
        LogEntry.objects.log_create(instance, action=action, changes=changes)


track(Region)
track(RegionUserObjectPermission)
