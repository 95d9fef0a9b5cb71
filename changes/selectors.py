"""Reads of the change feed and the webhooks."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse

from regions import access

from . import registry
from .models import Change, Delivery, Webhook

#: entries per page of the feed: the default and the most a caller may ask for
PAGE = 500
PAGE_MAX = 1000


def scope_filter(user: Any) -> Q | None:
    """Entries of records in the user's regions, and of reference data (no region) every signed-in user reads;
    None: everything (a superuser). A user without grants sees nothing."""
    q = access.scope_q(user, "region_code")
    if q is None:
        return None
    if not access.visible_prefixes(user):
        return Q(pk__in=[])
    return q | Q(region_code="")


def feed(user: Any, *, since: int, limit: int = PAGE, resources: list[str] | None = None) -> list[Change]:
    """The entries after `since` in the user's scope, in cursor order (one query)."""
    qs = Change.objects.filter(seq__gt=since)
    q = scope_filter(user)
    if q is not None:
        qs = qs.filter(q)
    if resources:
        qs = qs.filter(resource__in=resources)
    return list(qs.order_by("seq")[:limit])


def change_path(change: Change) -> str:
    """The resource's API path of the record (a deleted record's too: the path it had)."""
    resource = registry.resources().get(change.resource)
    if resource is None:
        return ""
    return reverse(resource.url_name, kwargs={resource.lookup_kwarg: change.lookup})


def site_url(path: str) -> str:
    """An absolute URL for a message that leaves without a request (webhooks): SITE_URL + path."""
    return settings.SITE_URL.rstrip("/") + path


def webhooks_visible_to(user: Any) -> QuerySet[Webhook]:
    """A service account manages its own webhooks; an administrator (superuser) everyone's."""
    qs = Webhook.objects.select_related("owner")
    if access.sees_everything(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    return qs.filter(owner=user)


def deliveries_visible_to(user: Any) -> QuerySet[Delivery]:
    return Delivery.objects.filter(webhook__in=webhooks_visible_to(user)).select_related("webhook", "change")
