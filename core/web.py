"""Helpers for HTML views: run one service and turn its errors into messages the user can read; page, sort, search
and export a list the same way on every page (`Listing`, rendered by templates/includes/table_head.html and
templates/includes/pagination.html)."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator  # noqa: TID251  (the one place that pages lists)
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from . import tasks
from .exceptions import Conflict
from .tabular import xlsx_response

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
        request.service_conflict = True  # type: ignore[attr-defined]
        return False, None
    if success:
        messages.success(request, success)
    if tasks.failures() > failed_before:  # saved; a follow-up task (a recompute) could not run: say so
        messages.warning(request, tasks.PENDING_MESSAGE)
    return True, result


def refused_status(request: HttpRequest) -> int:
    """The status of a page shown again after run_service refused the call: 409 when another user's action won
    (a Conflict), 400 for bad input."""
    return 409 if getattr(request, "service_conflict", False) else 400


def form_errors(request: HttpRequest, form: BaseForm) -> None:
    """Each of a bound form's errors as an error message, prefixed with the field's label."""
    for field, error_list in form.errors.items():
        # an ErrorList yields its messages as text (the stubs say ValidationError or lazy text too)
        errors = cast(Iterable[str], error_list)
        label = form.fields[field].label if field in form.fields else ""
        # the separators are words of the page's language too: "状态：A；B" in Chinese, "Status: A; B" in English
        joined = _("；").join(errors)
        messages.error(
            request, _("{label}：{errors}").format(label=label, errors=joined) if label else joined
        )


StrOrPromise = str | Promise


@dataclass(frozen=True)
class StepPanel:
    """One workflow step offered on a record's page (rendered by templates/includes/step_panel.html)."""

    action: str
    label: StrOrPromise
    form: Any
    url: str
    open: bool = False


@dataclass(frozen=True)
class TodoItem:
    """One line of the home page's to-do list: what waits, how many, where to do it; tone "bad" (overdue) or "warn"
    (due soon) colours the count. Each app's selectors return these; config's home view gathers them."""

    label: StrOrPromise
    count: int
    url: str
    tone: str = ""


PAGE_SIZE = 50
#: the page sizes a list offers (?per_page=); anything else is the default
PAGE_SIZES = (20, 50, 100, 200)
#: rows in one Excel export of a list (a county's year of cases fits; beyond it, narrow the filter); a deployment
#: (or a test) may set settings.EXPORT_MAX_ROWS
EXPORT_MAX_ROWS = 20_000


def export_max_rows() -> int:
    return int(getattr(settings, "EXPORT_MAX_ROWS", EXPORT_MAX_ROWS))


def truncation_note(cap: int) -> str:
    """The last row of an export cut at `cap` rows: a silent cut would pass for the whole list."""
    return _("仅导出前 %(cap)s 行，请缩小筛选范围") % {"cap": f"{cap:,}"}


def page_size(request: HttpRequest, default: int = PAGE_SIZE) -> int:
    value = request.GET.get("per_page", "")
    return int(value) if value.isdigit() and int(value) in PAGE_SIZES else default


def paginate(request: HttpRequest, items: _SupportsPagination[_T], *, per_page: int = PAGE_SIZE) -> Page[_T]:
    """The page of `items` that ?page= asks for (the last page for a number past the end, the first for junk), of
    the size ?per_page= chooses among PAGE_SIZES."""
    return Paginator(items, page_size(request, per_page)).get_page(request.GET.get("page"))


def _flip(name: str) -> str:
    return name[1:] if name.startswith("-") else f"-{name}"


def _cell(row: Any, value: str | Callable[[Any], Any]) -> Any:
    """A row's cell for Excel: an attribute path (methods called) or a function; local time without a zone
    (Excel has none), lazy text as text."""
    if callable(value):
        row = value(row)
    else:
        for attr in value.split("."):
            row = getattr(row, attr, None) if row is not None else None
            if callable(row):
                row = row()
    if isinstance(row, datetime.datetime) and timezone.is_aware(row):
        return timezone.localtime(row).replace(tzinfo=None)
    if isinstance(row, Promise):
        return str(row)
    return "" if row is None else row


@dataclass(frozen=True)
class Column:
    """One column of a list: its header, the fields it sorts on (none: not sortable), its Excel cell (an attribute
    path such as "first_responder.get_full_name", or a function of the row; none: not exported)."""

    key: str
    label: StrOrPromise
    order: Sequence[str] = ()
    value: str | Callable[[Any], Any] | None = None
    css: str = ""
    #: False: a column of the export only (the page shows it inside another column)
    shown: bool = True


@dataclass
class Listing:
    """A list page's rows: sorted by ?sort=<key> or ?sort=-<key> (a column's fields, then the primary key so pages
    are stable), paged (?page=, ?per_page=), and exported whole as .xlsx with ?export=xlsx. The queryset comes
    filtered and scoped; its select_related/prefetch serve the export as they serve the page."""

    request: HttpRequest
    queryset: Any
    columns: Sequence[Column]
    default_sort: str = ""
    per_page: int = PAGE_SIZE
    sort: str = dataclasses.field(init=False, default="")
    _page: Page[Any] | None = dataclasses.field(init=False, default=None)

    def __post_init__(self) -> None:
        wanted = self.request.GET.get("sort", "") or self.default_sort
        by_key = {c.key: c for c in self.columns if c.order}
        column = by_key.get(wanted.lstrip("-"))
        if column is not None:
            self.sort = wanted
            descending = wanted.startswith("-")
            fields = [_flip(f) if descending else f for f in column.order]
            self.queryset = self.queryset.order_by(*fields, "-pk" if descending else "pk")

    @property
    def page(self) -> Page[Any]:
        if self._page is None:
            self._page = paginate(self.request, self.queryset, per_page=self.per_page)
        return self._page

    @property
    def headers(self) -> list[dict[str, Any]]:
        """Each column's label, the ?sort= value a click asks for, and its aria-sort state."""
        result = []
        for c in self.columns:
            if not c.shown:
                continue
            state = ""
            if c.order and self.sort.lstrip("-") == c.key:
                state = "descending" if self.sort.startswith("-") else "ascending"
            result.append(
                {
                    "label": c.label,
                    "css": c.css,
                    "sortable": bool(c.order),
                    "next": f"-{c.key}" if state == "ascending" else c.key,
                    "aria_sort": state,
                }
            )
        return result

    @property
    def page_numbers(self) -> list[int | str]:
        page = self.page
        return list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1))

    @property
    def page_sizes(self) -> Sequence[int]:
        return PAGE_SIZES

    @property
    def exportable(self) -> bool:
        return any(c.value is not None for c in self.columns)

    @property
    def export_note(self) -> str:
        """When the filtered list is longer than one export carries, what the page says beside the button."""
        cap = export_max_rows()
        return truncation_note(cap) if self.exportable and self.page.paginator.count > cap else ""

    @property
    def wants_export(self) -> bool:
        return self.request.GET.get("export") == "xlsx"

    def export(self, filename: str, title: str) -> HttpResponse:
        """The whole filtered, sorted list as one sheet of the exported columns; past export_max_rows() rows the
        sheet ends with a row that says it was cut (and the response carries `export_truncated`)."""
        columns = [c for c in self.columns if c.value is not None]
        cap = export_max_rows()
        records = list(self.queryset[: cap + 1])
        rows: list[list[Any]] = [[_cell(row, cast(Any, c.value)) for c in columns] for row in records[:cap]]
        truncated = len(records) > cap
        response = xlsx_response(
            filename,
            [(title, [str(c.label) for c in columns], rows)],
            footer=[truncation_note(cap)] if truncated else None,
        )
        response.export_truncated = truncated  # type: ignore[attr-defined]
        return response
