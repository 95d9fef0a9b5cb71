from __future__ import annotations

from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("rules", views.StaffingRuleViewSet, basename="staffing-rule")
router.register("caseloads", views.CaseloadViewSet, basename="staffing-caseload")
router.register("workers", views.WorkerViewSet, basename="staffing-worker")
router.register("compliance", views.ComplianceViewSet, basename="staffing-compliance")

urlpatterns = router.urls
