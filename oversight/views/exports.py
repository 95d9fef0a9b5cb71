"""Excel download of the overview (the rows the page shows)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from core.tabular import xlsx_response

from .. import rules
from ..selectors import overview as selectors


@login_required
def overview_export(request: HttpRequest) -> HttpResponse:
    period = request.GET.get("period") or ""
    view = selectors.overview(
        request.user, code=request.GET.get("region"), period=None if rules.period_error(period) else period
    )
    rows = ([view.own] if view.own else []) + view.children
    headers = [_("区划代码"), _("区域"), *selectors.headers()]
    data = [[row.code, row.name, *selectors.cells(row)] for row in rows]
    return xlsx_response(
        _("统筹督导_{region}_{period}.xlsx").format(
            region=view.region.code, period=view.period or _("无数据")
        ),
        [(view.period or _("无数据"), headers, data)],
    )
