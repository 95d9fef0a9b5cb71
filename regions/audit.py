"""Two kinds of history, one model of record each.

- Change history of business records: django-auditlog (`track(Model, personal=[...])` from each AppConfig.ready();
  personal fields masked, encrypted-field hashes never logged).
- The security audit trail (等保2.0 三级 安全审计, 网络安全法 第二十一条): `record()` appends one `AuditRecord` to the
  hash chain (regions.audit_chain): who, when, from which address, what, before/after with personal fields masked.
  Receivers in regions.audit_signals call it for logins, lock-outs, accounts, grants and reference tables; the
  audit middleware for exports and the admin site; regions.personal.reveal for full views of personal data.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from auditlog.cid import get_cid
from auditlog.context import auditlog_disabled, auditlog_value
from auditlog.context import set_actor as auditlog_set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.signals import post_save, pre_save
from django.http import HttpRequest
from django.utils import timezone
from django.utils.encoding import smart_str

from . import access, audit_chain
from .audit_models import AuditRecord
from .choices import AuditAction
from .models import Region, RegionTwoFactor, RegionUserObjectPermission
from .rules import mask_for_audit

__all__ = [
    "track",
    "set_actor",
    "log_bulk_write",
    "log_bulk_writes",
    "record",
    "request_context",
    "masked_changes",
]


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
    log_bulk_writes([(instance, old)])


def log_bulk_writes(written: Iterable[tuple[models.Model, models.Model | None]]) -> int:
    """`log_bulk_write` for many rows in one INSERT (the seed's ~50,000 attendances spent 87 % of their time in one
    INSERT per entry). Each entry is built as `LogEntry.objects.log_create` builds it and goes through LogEntry's
    pre_save and post_save receivers (auditlog's actor and request data, the trail's copy of reference changes), as
    a saved entry would; none inside `disable_auditlog()`, as for a saved row. Returns the number of entries."""
    if auditlog_disabled.get():
        return 0
    as_json = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    manager = LogEntry.objects
    entries = []
    for instance, old in written:
        changes = model_instance_diff(old, instance, use_json_for_changes=as_json)
        if not changes:
            continue
        pk = manager._get_pk_value(instance)
        entry = LogEntry(
            content_type=ContentType.objects.get_for_model(instance),
            object_pk=pk,
            object_repr=smart_str(instance),
            serialized_data=manager._get_serialized_data_or_none(instance),
            action=LogEntry.Action.CREATE if old is None else LogEntry.Action.UPDATE,
            changes=changes,
            cid=get_cid(),
        )
        if isinstance(pk, int):
            entry.object_id = pk
        if callable(getattr(instance, "get_additional_data", None)):
            entry.additional_data = instance.get_additional_data()  # type: ignore[attr-defined]
        entries.append(entry)
    using = manager.db
    for entry in entries:
        pre_save.send(sender=LogEntry, instance=entry, raw=False, using=using, update_fields=None)
    manager.bulk_create(entries, batch_size=1000)
    for entry in entries:
        post_save.send(
            sender=LogEntry, instance=entry, created=True, raw=False, using=using, update_fields=None
        )
    return len(entries)


track(Region)
track(RegionUserObjectPermission)
track(RegionTwoFactor)


@dataclass(frozen=True)
class _Context:
    request: HttpRequest
    address: str


_request: ContextVar[_Context | None] = ContextVar("audit_request", default=None)
_actor: ContextVar[Any] = ContextVar("audit_actor", default=None)


@contextlib.contextmanager
def set_actor(actor: Any) -> Iterator[None]:
    """The actor of the writes inside the block, for both histories: django-auditlog's entries and the security
    audit trail (which resets it on leaving: auditlog's own context variable outlives its block).

    Blocks nest (a service calls another; AuditlogMiddleware opens one per request), and django-auditlog 3.4 does
    not restore its context variable when an inner block ends (jazzband/django-auditlog#846): the outer block then
    disconnects the inner's receiver a second time, its own stays connected to LogEntry's pre_save for the life of
    the process (one more receiver run on every entry, per nested block: the province seed spent 63 % of its
    training phase in them), and the entries written after the inner block lose their actor. The outer context is
    put back here when the inner block ends."""
    token = _actor.set(actor)
    outer = auditlog_value.get(None)
    try:
        with auditlog_set_actor(actor):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)
        _actor.reset(token)


def client_address(request: HttpRequest) -> str:
    """The client's address as the lock-out counts it (django-axes: REMOTE_ADDR unless a proxy is configured)."""
    return str(get_client_ip_address(request) or "")[:45]


@contextlib.contextmanager
def request_context(request: HttpRequest) -> Iterator[None]:
    """Who acts and from where, for records written by receivers during this request (the audit middleware)."""
    token = _request.set(_Context(request, client_address(request)))
    try:
        yield
    finally:
        _request.reset(token)


def current_actor() -> Any:
    """The actor a service named with set_actor (services, commands, API tokens), else the request's user."""
    user = _actor.get()
    if not getattr(user, "is_authenticated", False):
        context = _request.get()
        user = getattr(context.request, "user", None) if context else None
    return user if getattr(user, "is_authenticated", False) else None


def home_region(user: Any) -> str:
    """The region an account's events belong to: the broadest region it is granted (any role). Read afresh
    unless this request already holds the user's grants (a cache kept here could outlive a grant in a test)."""
    if getattr(user, "_region_grants", None) is not None:
        codes = {g.code for g in access.grants(user)}
    else:
        codes = set(
            RegionUserObjectPermission.objects.filter(
                user_id=user.pk, permission__codename__startswith="role_"
            ).values_list("content_object__code", flat=True)
        )
    ordered = sorted(codes, key=lambda c: (len(c), c))
    return ordered[0] if ordered else ""


def masked_changes(
    changes: Mapping[str, tuple[Any, Any] | list[Any]], personal: frozenset[str] | set[str] = frozenset()
) -> dict[str, list[str | None]]:
    """{field: [before, after]} as text, personal fields masked to their last four characters."""
    out: dict[str, list[str | None]] = {}
    for name, (before, after) in changes.items():
        pair = [None if v is None else str(v) for v in (before, after)]
        out[name] = [mask_for_audit(v) if v is not None and name in personal else v for v in pair]
    return out


def record(
    action: AuditAction,
    *,
    actor: Any = None,
    username: str | None = None,
    request: HttpRequest | None = None,
    region_code: str | None = None,
    target: str = "",
    summary: str = "",
    changes: Mapping[str, list[str | None]] | None = None,
) -> AuditRecord:
    """Append one security event to the chain. The actor and address default to the request's (the audit
    middleware's context); the region to the actor's broadest grant."""
    context = _request.get()
    if actor is None:
        actor = getattr(request, "user", None) if request is not None else current_actor()
        actor = actor if getattr(actor, "is_authenticated", False) else None
    address = client_address(request) if request is not None else (context.address if context else "")
    if username is None:
        username = actor.get_username() if actor is not None else ""
    if region_code is None:
        region_code = home_region(actor) if actor is not None else ""
    with transaction.atomic():
        audit_chain.lock()
        seq, prev = audit_chain.head()
        row = AuditRecord(
            seq=seq + 1,
            at=timezone.now(),
            actor=actor,
            username=username[:150],
            address=address,
            action=AuditAction(action).value,
            region_code=region_code[:12],
            target=target[:200],
            summary=summary[:500],
            changes=dict(changes or {}),
            prev_hash=prev,
        )
        row.hash = audit_chain.digest({**{f: getattr(row, f) for f in audit_chain.HASHED_FIELDS}})
        row.save(force_insert=True)
    return row
