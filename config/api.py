"""The one /api/v1/ router: each app's `api/urls.py`, mounted at /api/v1/<app>/ (listed by hand)."""

from __future__ import annotations

from django.urls import include, path

from oversight.api.views import OverviewView

urlpatterns = [
    path("regions/", include("regions.api.urls")),
    path("accounts/", include("accounts.api.urls")),
    # the security audit trail (regions.audit): its own prefix, as it is no region's business data
    path("audit/", include("regions.api.audit_urls")),
    path("staffing/", include("staffing.api.urls")),
    path("windows/", include("windows.api.urls")),
    path("procurement/", include("procurement.api.urls")),
    path("evaluation/", include("evaluation.api.urls")),
    path("training/", include("training.api.urls")),
    path("supervision/", include("supervision.api.urls")),
    path("oversight/", include("oversight.api.urls")),
    # the change feed for provincial systems and its webhooks (issue 16)
    path("changes/", include("changes.api.urls")),
    # the path issue 16 names for provincial systems: the overview, outside the app prefix
    path("overview/", OverviewView.as_view(), name="overview"),
]
