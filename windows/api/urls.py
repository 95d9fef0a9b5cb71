from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("cases", views.CaseViewSet, basename="case")
router.register("windows", views.ServiceWindowViewSet, basename="window")
router.register("slots", views.AppointmentSlotViewSet, basename="slot")
router.register("appointments", views.AppointmentViewSet, basename="appointment")
urlpatterns = router.urls
