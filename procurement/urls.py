from __future__ import annotations

from django.urls import path

from .views import bids, contractors, contracts, exports, projects, public, sanctions

app_name = "procurement"

urlpatterns = [
    path("", projects.index, name="index"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<int:pk>/", projects.project_detail, name="project_detail"),
    path("projects/<int:pk>/bids/", bids.project_bids, name="project_bids"),
    path("projects/<int:pk>/bids/new/", bids.bid_submit, name="bid_submit"),
    path("projects/<int:pk>/bids/<int:bid_pk>/score/", bids.bid_score, name="bid_score"),
    path("projects/<int:pk>/bids/<int:bid_pk>/invalidate/", bids.bid_invalidate, name="bid_invalidate"),
    path("projects/<int:pk>/contract/", contracts.contract_create, name="contract_create"),
    path("projects/<int:pk>/period-check/", projects.project_period_check, name="project_period_check"),
    path("projects/<int:pk>/platform/", projects.project_platform, name="project_platform"),
    path("projects/<int:pk>/<str:action>/", projects.project_step, name="project_step"),
    path("contracts/", contracts.contract_list, name="contract_list"),
    path("contracts/<int:pk>/", contracts.contract_detail, name="contract_detail"),
    path("contracts/<int:pk>/plan/", contracts.plan_set, name="plan_set"),
    path("contracts/<int:pk>/start/", contracts.contract_start, name="contract_start"),
    path("contracts/<int:pk>/monitoring/", contracts.monitoring_add, name="monitoring_add"),
    path(
        "contracts/<int:pk>/monitoring/<int:record_pk>/rectified/",
        contracts.monitoring_rectified,
        name="monitoring_rectified",
    ),
    path("contracts/<int:pk>/reports/", contracts.report_add, name="report_add"),
    path("contracts/<int:pk>/reports/<int:report_pk>/file/", contracts.report_file, name="report_file"),
    path("contracts/<int:pk>/acceptance/", contracts.acceptance_add, name="acceptance_add"),
    path("contracts/<int:pk>/takeover/", contracts.takeover, name="takeover"),
    path(
        "contracts/<int:pk>/subcontracting/<int:finding_pk>/sanction/",
        contracts.subcontracting_sanction,
        name="subcontracting_sanction",
    ),
    path("contractors/", contractors.contractor_list, name="contractor_list"),
    path("contractors/pick/", contractors.contractor_pick, name="contractor_pick"),
    path("contractors/new/", contractors.contractor_create, name="contractor_create"),
    path("contractors/<int:pk>/", contractors.contractor_detail, name="contractor_detail"),
    path("contractors/<int:pk>/reviews/", contractors.review_add, name="review_add"),
    path("evidence/<int:pk>/", contractors.evidence_file, name="evidence_file"),
    path("bid-documents/<int:pk>/", contractors.bid_document, name="bid_document"),
    path("catalogue/", contractors.catalogue, name="catalogue"),
    path("sanctions/", sanctions.sanction_list, name="sanction_list"),
    path("sanctions/new/", sanctions.sanction_add, name="sanction_add"),
    path("export/projects.xlsx", exports.export_projects, name="export_projects"),
    path("export/contracts.xlsx", exports.export_contracts, name="export_contracts"),
    path("public/", public.public_projects, name="public_projects"),
    path("public/projects/<int:pk>/", public.public_project, name="public_project"),
    path("public/catalogue/", public.public_catalogue, name="public_catalogue"),
    path("public/debarments/", public.public_debarments, name="public_debarments"),
]
