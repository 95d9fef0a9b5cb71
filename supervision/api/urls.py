from rest_framework.routers import SimpleRouter

from .views import InstructionViewSet

router = SimpleRouter()
router.register("instructions", InstructionViewSet, basename="supervision-instruction")
urlpatterns = router.urls
