from __future__ import annotations

from django.urls import path

from . import views

app_name = "staffing"

urlpatterns = [
    path("", views.index, name="index"),
    path("recompute/", views.recompute, name="recompute"),
    path("runs/<str:period>/", views.run_status, name="run_status"),
    path("villages/", views.villages, name="villages"),
    path("unrecruited/", views.unrecruited, name="unrecruited"),
    path("rules/", views.rule_list, name="rules"),
    path("compliance.xlsx", views.compliance_export, name="compliance_export"),
    path("workers/", views.worker_list, name="workers"),
    path("workers/new/", views.worker_create_view, name="worker_create"),
    path("workers/export.xlsx", views.worker_export, name="worker_export"),
    path("workers/<int:pk>/", views.worker_detail, name="worker_detail"),
    path("workers/<int:pk>/edit/", views.worker_edit, name="worker_edit"),
    path("workers/<int:pk>/reassign/", views.worker_reassign_view, name="worker_reassign"),
    path("workers/<int:pk>/leave/", views.worker_leave_view, name="worker_leave"),
    path("caseloads/", views.caseload_list, name="caseloads"),
    path("caseloads/template.xlsx", views.caseload_template, name="caseload_template"),
    path("caseloads/export.xlsx", views.caseload_export, name="caseload_export"),
    path("caseloads/import/", views.caseload_import, name="caseload_import"),
    path("caseloads/import/<int:pk>/", views.caseload_import_status, name="caseload_import_status"),
    path("caseloads/import/<int:pk>/confirm/", views.caseload_import_confirm, name="caseload_import_confirm"),
    path("recruitment/", views.round_list, name="rounds"),
    path("recruitment/<int:pk>/", views.round_detail, name="round_detail"),
    path("recruitment/<int:pk>/posts/", views.round_post_add_view, name="round_post_add"),
    path("recruitment/<int:pk>/candidates/", views.candidate_add_view, name="candidate_add"),
    path("recruitment/<int:pk>/rank/", views.round_rank_view, name="round_rank"),
    path("recruitment/<int:pk>/close/", views.round_close_view, name="round_close"),
    path(
        "recruitment/<int:pk>/candidates/<int:candidate_pk>/hire/",
        views.candidate_hire_view,
        name="candidate_hire",
    ),
    path(
        "recruitment/<int:pk>/candidates/<int:candidate_pk>/exception/",
        views.candidate_exception_view,
        name="candidate_exception",
    ),
    path(
        "recruitment/<int:pk>/candidates/<int:candidate_pk>/decline/",
        views.candidate_decline_view,
        name="candidate_decline",
    ),
]
