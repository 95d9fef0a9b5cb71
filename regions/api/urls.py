from rest_framework.routers import SimpleRouter

from .audit import AuditRecordViewSet
from .tokens import ApiTokenViewSet
from .views import RegionViewSet

tokens = SimpleRouter()
tokens.register("tokens", ApiTokenViewSet, basename="api-token")
tokens.register("audit-records", AuditRecordViewSet, basename="audit-record")
router = SimpleRouter()
router.register("", RegionViewSet, basename="region")
# the token and audit routes first: the region detail route would take "tokens/" for a region code
urlpatterns = tokens.urls + router.urls
