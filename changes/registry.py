"""Which records the change feed follows: every resource the API serves at a detail URL.

The resources are read from the URL configuration (each DRF router's `<basename>-detail` route with its view
set's model and lookup field), so a new API resource is in the feed without being listed again. Each resource's
region is its model's `REGION_CODE_PATH` (as `visible_to` uses it); a model without one (reference data such as
holidays, the catalogue, province-wide templates) is global: every signed-in caller sees its changes.

Beside the resources, a model the API does not serve but nests in a resource's representation (a case's events,
an issue's follow-ups, the staff of a window) reports a change of its row as a change of the resource it points at
(`Dependent`). The region itself is not such a parent: a row pointing at a region does not change the region.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

#: API resources that are not records of the domain: a user's own tokens, and the security audit trail (read by
#: audit administrators only, append-only, and never synchronised to other systems through the feed)
EXCLUDED = frozenset({"regions.apitoken", "regions.auditrecord"})
#: rows that point at a resource but are derived from it (recomputed wholesale), not part of it
NOT_NESTED = frozenset({"training.workercompliance"})
#: apps whose models may nest into a resource (the project's own, not Django's or a library's)
PROJECT_APPS = (
    "regions",
    "staffing",
    "windows",
    "procurement",
    "evaluation",
    "training",
    "supervision",
    "oversight",
)
ACTIONS = ("created", "updated", "deleted")


@dataclass(frozen=True)
class Resource:
    name: str  # "windows.case"
    model: type[models.Model]
    url_name: str  # "case-detail"
    lookup_field: str  # "pk", "number", "code"
    lookup_kwarg: str
    region_path: str  # "" for a global resource

    @property
    def table(self) -> str:
        return self.model._meta.db_table


@dataclass(frozen=True)
class Dependent:
    """A row of `model` changing is a change of the resource its `column` points at."""

    model: type[models.Model]
    column: str
    resource: Resource

    @property
    def table(self) -> str:
        return self.model._meta.db_table


def resource_name(model: type[models.Model]) -> str:
    return model._meta.label_lower


def _resolves(model: type[models.Model], path: str) -> bool:
    """Whether `path` ("a__b__code") leads through foreign keys to a field of `model`."""
    current: Any = model
    for part in path.split("__"):
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return False
        current = field.related_model if field.is_relation else None
    return True


def _walk(patterns: list[Any]) -> list[URLPattern]:
    found: list[URLPattern] = []
    for p in patterns:
        if isinstance(p, URLResolver):
            found.extend(_walk(p.url_patterns))
        elif isinstance(p, URLPattern):
            found.append(p)
    return found


def _model_of(view_class: Any) -> type[models.Model] | None:
    queryset = getattr(view_class, "queryset", None)
    if queryset is not None:
        return queryset.model
    meta = getattr(getattr(view_class, "serializer_class", None), "Meta", None)
    return getattr(meta, "model", None)


@cache
def resources() -> dict[str, Resource]:
    """Every API resource with a detail route, by name (first route wins when two serve one model)."""
    found: dict[str, Resource] = {}
    for pattern in _walk(get_resolver(settings.ROOT_URLCONF).url_patterns):
        name = pattern.name or ""
        view_class = getattr(pattern.callback, "cls", None)
        if not name.endswith("-detail") or view_class is None:
            continue
        model = _model_of(view_class)
        if model is None or model._meta.app_label == "changes" or resource_name(model) in EXCLUDED:
            continue
        if resource_name(model) in found:
            continue
        path = getattr(model, "REGION_CODE_PATH", "region__code")
        lookup = getattr(view_class, "lookup_field", "pk")
        found[resource_name(model)] = Resource(
            name=resource_name(model),
            model=model,
            url_name=name,
            lookup_field=lookup,
            lookup_kwarg=getattr(view_class, "lookup_url_kwarg", None) or lookup,
            region_path=path if _resolves(model, path) else "",
        )
    return dict(sorted(found.items()))


@cache
def dependents() -> tuple[Dependent, ...]:
    """The project's models that are not resources but point at one (nested in its representation)."""
    by_model = {r.model: r for r in resources().values()}
    region_model = apps.get_model("regions", "Region")
    found: list[Dependent] = []
    for app_label in PROJECT_APPS:
        # auto-created: the through tables of many-to-many fields (a window's staff) are rows of their own
        for model in apps.get_app_config(app_label).get_models(include_auto_created=True):
            if model in by_model or resource_name(model) in NOT_NESTED:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model if field.many_to_one or field.one_to_one else None
                if target in by_model and target is not region_model:
                    found.append(Dependent(model, str(field.column), by_model[target]))
    return tuple(found)


@cache
def followers() -> dict[str, tuple[tuple[Resource, str], ...]]:
    """For a resource, the resources whose region is reached through it, each with the path to it: when a worker
    moves to another region, so do its attendances and assessments (`worker__region__code`)."""
    found: dict[str, list[tuple[Resource, str]]] = {}
    region_model = apps.get_model("regions", "Region")
    for resource in resources().values():
        parts = resource.region_path.split("__") if resource.region_path else []
        current: Any = resource.model
        for i, part in enumerate(parts[:-1]):
            current = current._meta.get_field(part).related_model
            name = resource_name(current)
            if current is not region_model and name in resources():
                found.setdefault(name, []).append((resource, "__".join(parts[: i + 1])))
    return {name: tuple(pairs) for name, pairs in found.items()}


def event_names() -> list[str]:
    """Every event a webhook may ask for: `<resource>.<action>`."""
    return [f"{name}.{action}" for name in resources() for action in ACTIONS]
