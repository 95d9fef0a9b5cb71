from __future__ import annotations

from django.urls import path

from . import contract_views, contractor_views, exports, public, views

app_name = "procurement"

urlpatterns = [
    path("", views.index, name="index"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
    path("projects/<int:pk>/bids/", views.project_bids, name="project_bids"),
    path("projects/<int:pk>/bids/new/", views.bid_submit, name="bid_submit"),
    path("projects/<int:pk>/bids/<int:bid_pk>/score/", views.bid_score, name="bid_score"),
    path("projects/<int:pk>/bids/<int:bid_pk>/invalidate/", views.bid_invalidate, name="bid_invalidate"),
    path("projects/<int:pk>/contract/", views.contract_create, name="contract_create"),
    path("projects/<int:pk>/<str:action>/", views.project_step, name="project_step"),
    path("contracts/", contract_views.contract_list, name="contract_list"),
    path("contracts/<int:pk>/", contract_views.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/plan/", contract_views.plan_set, name="plan_set"),
    path("contracts/<int:pk>/start/", contract_views.contract_start, name="contract_start"),
    path("contracts/<int:pk>/monitoring/", contract_views.monitoring_add, name="monitoring_add"),
    path(
        "contracts/<int:pk>/monitoring/<int:record_pk>/rectified/",
        contract_views.monitoring_rectified,
        name="monitoring_rectified",
    ),
    path("contracts/<int:pk>/reports/", contract_views.report_add, name="report_add"),
    path("contracts/<int:pk>/reports/<int:report_pk>/file/", contract_views.report_file, name="report_file"),
    path("contracts/<int:pk>/acceptance/", contract_views.acceptance_add, name="acceptance_add"),
    path("contracts/<int:pk>/takeover/", contract_views.takeover, name="takeover"),
    path("contractors/", contractor_views.contractor_list, name="contractor_list"),
    path("contractors/new/", contractor_views.contractor_create, name="contractor_create"),
    path("contractors/<int:pk>/", contractor_views.contractor_detail, name="contractor_detail"),
    path("contractors/<int:pk>/reviews/", contractor_views.review_add, name="review_add"),
    path("evidence/<int:pk>/", contractor_views.evidence_file, name="evidence_file"),
    path("bid-documents/<int:pk>/", contractor_views.bid_document, name="bid_document"),
    path("catalogue/", contractor_views.catalogue, name="catalogue"),
    path("sanctions/", contractor_views.sanction_list, name="sanction_list"),
    path("sanctions/new/", contractor_views.sanction_add, name="sanction_add"),
    path("export/projects.xlsx", exports.export_projects, name="export_projects"),
    path("export/contracts.xlsx", exports.export_contracts, name="export_contracts"),
    path("public/", public.public_projects, name="public_projects"),
    path("public/projects/<int:pk>/", public.public_project, name="public_project"),
    path("public/debarments/", public.public_debarments, name="public_debarments"),
]
