"""The windows dashboard: intake volume, overdue counts, transfer flows (for the joint meeting, 三)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.db import reads_from_replica

from .. import selectors


@login_required
@reads_from_replica
def dashboard(request):
    data = selectors.dashboard(request.user)
    names = data["names"]
    chart = {
        "days": [f"{d:%m-%d}" for d, _ in data["intake"]],
        "intake": [n for _, n in data["intake"]],
        "status": [{"name": str(label), "value": n} for label, n in data["by_status"]],
        # regions without any case close the axis, marked 无数据, with no bar (never a green "0 overdue")
        "areas": [names.get(r["area"], r["area"]) for r in data["by_region"]]
        + [_("%(name)s（无数据）") % {"name": names[code]} for code in data["no_data"]],
        "open": [r["open"] for r in data["by_region"]] + [None] * len(data["no_data"]),
        "overdue": [r["overdue"] for r in data["by_region"]] + [None] * len(data["no_data"]),
        "flows": [
            {
                "source": names.get(f["from_region_code"], f["from_region_code"]),
                "target": names.get(f["to_region_code"], f["to_region_code"]) + " ",
                "value": f["n"],
            }
            for f in data["flows"]
        ],
    }
    for row in data["by_region"]:
        row["name"] = names.get(row["area"], row["area"])
    for flow in data["flows"]:
        flow["from_name"] = names.get(flow["from_region_code"], flow["from_region_code"])
        flow["to_name"] = names.get(flow["to_region_code"], flow["to_region_code"])
    ratings = selectors.rating_figures(request.user, "township")
    no_data = [(code, names[code]) for code in data["no_data"]]
    context = {"data": data, "chart": chart, "ratings": ratings, "no_data": no_data}
    return render(request, "windows/dashboard.html", context)
