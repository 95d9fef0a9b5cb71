"""A django-filter backend for hot lists: the FilterSet's own fields and filters, without its per-request form.

`DjangoFilterBackend` builds, on every request, a FilterSet (a deep copy of every filter), a Form class made on the
fly and a bound form (a deep copy of every field): on the case list that was a fifth of the request (issue 17's
profile). `LeanFilterBackend` does what that backend does with the same FilterSet class, in the same order and
with the same answers:

- each query parameter is read by its filter's widget and cleaned by its filter's form field (the class-level
  field, built once; cleaning does not change it), so a bad value is the same 400 with the same messages and
  codes (`django_filters.utils.translate_validation`);
- the cleaned values are applied in the FilterSet's declaration order: a filter's own `filter()`, or the
  FilterSet's `method` (called, as django-filter does, only for a value that is not empty).

A `method` receives `self` as a FilterSet that was not `__init__`-ed: it may read `self.request`, `self.data` and
`self.queryset`, not `self.form` or `self.filters`. Use it only with such FilterSets (the schema generator sees an
ordinary `DjangoFilterBackend`). The pages keep the FilterSet itself (they render its form).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django_filters.constants import EMPTY_VALUES
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ErrorDetail, ValidationError
from rest_framework.request import Request


def clean_filters(filterset_class: Any, data: Any) -> dict[str, Any]:
    """The cleaned value of every filter of `filterset_class` from the query `data`, as its form's cleaned_data;
    ValidationError (DRF's, django-filter's messages and codes) naming every bad parameter."""
    cleaned: dict[str, Any] = {}
    errors: dict[str, list[ErrorDetail]] = {}
    for name, filter_ in filterset_class.base_filters.items():
        field = filter_.field
        try:
            cleaned[name] = field.clean(field.widget.value_from_datadict(data, {}, name))
        except DjangoValidationError as exc:
            errors[name] = [
                ErrorDetail(str(e.message % (e.params or ())), code=e.code) for e in exc.error_list
            ]
    if errors:
        raise ValidationError(errors)
    return cleaned


def apply_filters(
    filterset_class: Any, queryset: QuerySet[Any], cleaned: dict[str, Any], request: Request | None
) -> QuerySet[Any]:
    """`queryset` narrowed by the `cleaned` values, filter by filter in declaration order (FilterSet.qs)."""
    parent = filterset_class.__new__(filterset_class)  # what a `method` may read (see the module's note)
    parent.is_bound, parent.data, parent.queryset = True, getattr(request, "query_params", {}), queryset
    parent.request, parent.form_prefix = request, None
    queryset = queryset.all()
    for name, value in cleaned.items():
        filter_ = filterset_class.base_filters[name]
        method = filter_.method
        if method is None:
            queryset = filter_.filter(queryset, value)
        elif value not in EMPTY_VALUES:
            call = method if callable(method) else getattr(parent, method)
            queryset = call(queryset, filter_.field_name, value)
    return queryset


class LeanFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request: Request, queryset: QuerySet[Any], view: Any) -> QuerySet[Any]:
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is None:
            return queryset
        return apply_filters(
            filterset_class, queryset, clean_filters(filterset_class, request.query_params), request
        )
