"""Helpers for HTML views: run one service and turn its errors into messages the user can read."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator  # noqa: TID251  (the one place that pages lists)
from django.forms import BaseForm
from django.http import HttpRequest
from django.utils.functional import Promise

from . import tasks
from .exceptions import Conflict

if TYPE_CHECKING:
    from django.core.paginator import _SupportsPagination  # a stub-only protocol: what Paginator accepts

_T = TypeVar("_T")


def run_service(
    request: HttpRequest, call: Callable[[], Any], *, success: str = "", form: BaseForm | None = None
) -> tuple[bool, Any]:
    """Call a service; on ValidationError/Conflict add an error message (and form errors) and return (False, None).

    Views stay thin: parse input, call this, render or redirect.
    """
    failed_before = tasks.failures()
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
    if tasks.failures() > failed_before:  # saved; a follow-up task (a recompute) could not run: say so
        messages.warning(request, tasks.PENDING_MESSAGE)
    return True, result


def form_errors(request: HttpRequest, form: BaseForm) -> None:
    """Each of a bound form's errors as an error message, prefixed with the field's label."""
    for field, error_list in form.errors.items():
        # an ErrorList yields its messages as text (the stubs say ValidationError or lazy text too)
        errors = cast(Iterable[str], error_list)
        label = form.fields[field].label if field in form.fields else ""
        messages.error(request, f"{label}：{'；'.join(errors)}" if label else "；".join(errors))


StrOrPromise = str | Promise


@dataclass(frozen=True)
class StepPanel:
    """One workflow step offered on a record's page (rendered by templates/includes/step_panel.html)."""

    action: str
    label: StrOrPromise
    form: Any
    url: str
    open: bool = False


PAGE_SIZE = 50


def paginate(request: HttpRequest, items: _SupportsPagination[_T], *, per_page: int = PAGE_SIZE) -> Page[_T]:
    """The page of `items` that ?page= asks for (the last page for a number past the end, the first for junk)."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))
