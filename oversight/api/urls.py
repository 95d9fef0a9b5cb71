from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import funding, meetings, views

router = SimpleRouter()
router.register("meetings", meetings.MeetingViewSet, basename="oversight-meeting")
router.register("issues", meetings.IssueViewSet, basename="oversight-issue")
router.register("funding", funding.CountyFundingViewSet, basename="oversight-funding")

urlpatterns = [
    path("overview/", views.OverviewView.as_view(), name="oversight-overview"),
    path("overview/recompute/", views.RecomputeView.as_view(), name="oversight-overview-recompute"),
    *router.urls,
]
