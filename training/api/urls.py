from django.urls import path
from rest_framework.routers import SimpleRouter

from .views import (
    AssessmentViewSet,
    AttendanceViewSet,
    CertificateVerifyView,
    ComplianceView,
    PriorTrainingViewSet,
    TrainingPlanViewSet,
    TrainingSessionViewSet,
    WorkerComplianceViewSet,
)

router = SimpleRouter()
router.register("plans", TrainingPlanViewSet, basename="training-plan")
router.register("sessions", TrainingSessionViewSet, basename="training-session")
router.register("attendance", AttendanceViewSet, basename="training-attendance")
router.register("worker-compliance", WorkerComplianceViewSet, basename="training-worker-compliance")
router.register("assessments", AssessmentViewSet, basename="training-assessment")
router.register("prior-training", PriorTrainingViewSet, basename="training-prior")
urlpatterns = [
    path("compliance/", ComplianceView.as_view(), name="training-compliance"),
    path("certificates/<str:code>/", CertificateVerifyView.as_view(), name="training-certificate"),
    *router.urls,
]
