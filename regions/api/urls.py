from rest_framework.routers import SimpleRouter

from .tokens import ApiTokenViewSet
from .views import RegionViewSet

tokens = SimpleRouter()
tokens.register("tokens", ApiTokenViewSet, basename="api-token")
router = SimpleRouter()
router.register("", RegionViewSet, basename="region")
# the token routes first: the region detail route would take "tokens/" for a region code
urlpatterns = tokens.urls + router.urls
