"""Window coverage per county (粤民发〔2018〕170号 二(一) 普遍设立): townships and villages without an active window
and windows whose checklist is incomplete; above a county, the counts per county."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .. import selectors


@login_required
def coverage(request):
    region = selectors.coverage_region(request.user, request.GET.get("region"))
    data = selectors.window_coverage(request.user, region)
    return render(request, "windows/coverage.html", {"data": data, "region": region})
