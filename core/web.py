"""Helpers for HTML views: run one service and turn its errors into messages the user can read."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator  # noqa: TID251  (the one place that pages lists)

from .exceptions import Conflict


def run_service(request, call: Callable[[], Any], *, success: str = "", form=None) -> tuple[bool, Any]:
    """Call a service; on ValidationError/Conflict add an error message (and form errors) and return (False, None).

    Views stay thin: parse input, call this, render or redirect.
    """
    try:
        result = call()
    except ValidationError as exc:
        if form is not None and hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            for message in exc.messages:
                messages.error(request, message)
        return False, None
    except Conflict as exc:
        messages.error(request, exc.message)
        return False, None
    if success:
        messages.success(request, success)
    return True, result


def form_errors(request, form) -> None:
    """Each of a bound form's errors as an error message, prefixed with the field's label."""
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))


@dataclass(frozen=True)
class StepPanel:
    """One workflow step offered on a record's page (rendered by templates/includes/step_panel.html)."""

    action: str
    label: str
    form: Any
    url: str
    open: bool = False


PAGE_SIZE = 50


def paginate(request, items, *, per_page: int = PAGE_SIZE) -> Page:
    """The page of `items` that ?page= asks for (the last page for a number past the end, the first for junk)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
