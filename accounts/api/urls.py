from rest_framework.routers import SimpleRouter

from .views import GrantViewSet, UserViewSet

router = SimpleRouter()
router.register("users", UserViewSet, basename="accounts-user")
router.register("grants", GrantViewSet, basename="accounts-grant")
urlpatterns = router.urls
