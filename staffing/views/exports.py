"""Excel downloads: the compliance report, the worker roster, caseloads and the caseload template (cells escaped
by core.tabular; the rows come from selectors)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import reads_from_replica
from core.tabular import xlsx_response
from core.web import Listing
from regions import access

from .. import selectors
from ..filters import WorkerFilterSet
from .caseloads import caseload_listing
from .dashboard import period_param
from .workers import WORKER_COLUMNS


@login_required
@reads_from_replica
def compliance_export(request):
    """The compliance report of an area and period as .xlsx (counties, townships, villages without coordinator)."""
    period = period_param(request)
    if not period:
        raise Http404
    focus = request.GET.get("region") or selectors.default_focus(request.user)
    access.require_visible(request.user, focus)
    sheets = selectors.compliance_sheets(request.user, period=period, prefix=focus)
    return xlsx_response(
        _("人员配备达标情况-{region}-{period}.xlsx").format(region=focus, period=period), sheets
    )


@login_required
@reads_from_replica
def worker_export(request):
    filterset = WorkerFilterSet(request.GET or None, queryset=selectors.roster(request.user))
    listing = Listing(request, filterset.qs, WORKER_COLUMNS)  # sorted as the roster page shows it
    headers, rows = selectors.roster_rows(listing.queryset)
    return xlsx_response(_("经办人员花名册.xlsx"), [(_("花名册"), headers, rows)])


@login_required
@reads_from_replica
def caseload_export(request):
    _filterset, listing = caseload_listing(request)
    rows = selectors.caseload_rows(listing.queryset)
    return xlsx_response(
        _("救助对象户数.xlsx"),
        [(_("户数"), selectors.CASELOAD_HEADERS, rows)],
        text_columns=selectors.MONTH_TEXT_COLUMNS,
        header_notes=selectors.MONTH_NOTES,
    )


@login_required
def caseload_template(request):
    return xlsx_response(
        _("救助对象户数导入模板.xlsx"),
        selectors.template_sheets(request.user, today=timezone.localdate()),
        text_columns=selectors.MONTH_TEXT_COLUMNS,
        header_notes=selectors.MONTH_NOTES,
    )
