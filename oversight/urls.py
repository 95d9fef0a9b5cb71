from __future__ import annotations

from django.urls import path

from .views import exports, funding, meetings, overview

app_name = "oversight"

urlpatterns = [
    path("", overview.index, name="index"),
    path("brief/", overview.brief, name="brief"),
    path("recompute/", overview.recompute, name="recompute"),
    path("export/", exports.overview_export, name="export"),
    path("meetings/", meetings.meeting_list, name="meetings"),
    path("meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("meetings/<int:pk>/minutes/", meetings.meeting_minutes, name="meeting_minutes"),
    path("issues/", meetings.issue_list, name="issues"),
    path("issues/raise/", meetings.issue_from_overview, name="issue_raise"),
    path("issues/<int:pk>/", meetings.issue_detail, name="issue"),
    path("funding/", funding.funding_list, name="funding"),
    path("funding/<int:pk>/", funding.funding_detail, name="funding_detail"),
]
