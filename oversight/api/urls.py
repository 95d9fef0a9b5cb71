from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("overview/", views.OverviewView.as_view(), name="oversight-overview"),
    path("overview/recompute/", views.RecomputeView.as_view(), name="oversight-overview-recompute"),
]
