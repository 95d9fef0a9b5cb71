"""The audit page (三员分立: the audit administrator reads and exports the trail and changes nothing; the superuser
is the only other reader): filters, an Excel export (recorded like every export), the chain check's status."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.tabular import xlsx_response
from core.web import Column, Listing, truncation_note

from . import audit_selectors as selectors
from .audit_filters import AuditRecordFilterSet
from .audit_retention import chain_check, retention_days

#: an export carries at most this many records (narrow the filters for more)
EXPORT_MAX_ROWS = 50_000


def _filtered(request: HttpRequest) -> AuditRecordFilterSet:
    selectors.require_reader(request.user)
    return AuditRecordFilterSet(request.GET or None, queryset=selectors.records_visible_to(request.user))


#: the trail's sortable headers (issue 14). No Excel cell here: the trail's export stays audit_export (its own cap,
#: the hash column, and recorded as an export like every other), which follows the sort chosen on the page
AUDIT_COLUMNS = (
    Column("seq", gettext_lazy("序号"), ("seq",)),
    Column("at", gettext_lazy("时间"), ("at", "seq")),
    Column("username", gettext_lazy("账号"), ("username", "seq")),
    Column("address", gettext_lazy("来源地址")),
    Column("action", gettext_lazy("事件"), ("action", "seq")),
    Column("region", gettext_lazy("区划代码"), ("region_code", "seq")),
    Column("target", gettext_lazy("对象")),
    Column("summary", gettext_lazy("说明")),
    Column("changes", gettext_lazy("变更前后")),
)


def _listing(request: HttpRequest) -> tuple[AuditRecordFilterSet, Listing]:
    filterset = _filtered(request)
    return filterset, Listing(request, filterset.qs, AUDIT_COLUMNS)


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    filterset, listing = _listing(request)
    context = {
        "filter": filterset,
        "listing": listing,
        "page": listing.page,
        "check": selectors.last_chain_check(),
        "retention_days": retention_days(),
    }
    return render(request, "regions/audit.html", context)


@login_required
def audit_export(request: HttpRequest) -> HttpResponse:
    """The filtered trail; past EXPORT_MAX_ROWS records the sheet ends with a row that says it was cut."""
    _filterset, listing = _listing(request)  # sorted as the page shows it
    rows = selectors.export_rows(listing.queryset[: EXPORT_MAX_ROWS + 1])
    footer = [truncation_note(EXPORT_MAX_ROWS)] if len(rows) > EXPORT_MAX_ROWS else None
    return xlsx_response(
        _("安全审计记录.xlsx"),
        [(_("审计记录"), [str(h) for h in selectors.EXPORT_HEADERS], rows[:EXPORT_MAX_ROWS])],
        footer=footer,
    )


@login_required
@require_POST
def audit_check(request: HttpRequest) -> HttpResponse:
    """Run the chain check now (an audit administrator's button); the result is appended to the trail."""
    selectors.require_reader(request.user)
    chain_check(actor=request.user)
    return redirect("regions:audit")
