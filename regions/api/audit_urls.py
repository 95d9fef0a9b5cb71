"""/api/v1/audit/: the security audit trail, read-only (mounted by config/api.py)."""

from rest_framework.routers import SimpleRouter

from .audit import AuditRecordViewSet

router = SimpleRouter()
router.register("records", AuditRecordViewSet, basename="audit-record")
urlpatterns = router.urls
