from __future__ import annotations

from django.urls import path

from .views import exports, overview

app_name = "oversight"

urlpatterns = [
    path("", overview.index, name="index"),
    path("brief/", overview.brief, name="brief"),
    path("recompute/", overview.recompute, name="recompute"),
    path("export/", exports.overview_export, name="export"),
]
