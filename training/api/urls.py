from rest_framework.routers import SimpleRouter

from .views import TrainingPlanViewSet, TrainingSessionViewSet

router = SimpleRouter()
router.register("plans", TrainingPlanViewSet, basename="training-plan")
router.register("sessions", TrainingSessionViewSet, basename="training-session")
urlpatterns = router.urls
