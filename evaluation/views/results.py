"""The results page of an evaluation: each party's score and the combined score, with a chart per dimension."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import selectors
from ..choices import Party
from .evaluations import evaluation_or_404

CHART_NAMES = {
    Party.RECIPIENT: gettext_lazy("服务对象"),
    Party.PURCHASER: gettext_lazy("购买主体"),
    Party.THIRD_PARTY: gettext_lazy("第三方"),
}


@login_required
def results(request, pk):
    """Results with a chart per dimension (each party's score and the combined score)."""
    evaluation = evaluation_or_404(request, pk)
    result = selectors.results(evaluation)
    chart = {
        "dimensions": [d["label"] for d in result.dimensions],
        "series": [
            {
                "name": str(CHART_NAMES[p.party]),
                "data": [
                    None if d["parties"][p.party] is None else float(d["parties"][p.party])
                    for d in result.dimensions
                ],
            }
            for p in result.parties
        ]
        + [
            {
                "name": _("综合"),
                "data": [None if d["overall"] is None else float(d["overall"]) for d in result.dimensions],
            }
        ],
    }
    return render(
        request,
        "evaluation/results.html",
        {"evaluation": evaluation, "result": result, "chart": chart},
    )
