from django.urls import path
from rest_framework.routers import SimpleRouter

from . import coverage, guides, ratings, reference, views

router = SimpleRouter()
router.register("cases", views.CaseViewSet, basename="case")
router.register("windows", views.ServiceWindowViewSet, basename="window")
router.register("slots", views.AppointmentSlotViewSet, basename="slot")
router.register("appointments", views.AppointmentViewSet, basename="appointment")
router.register("holidays", reference.HolidayViewSet, basename="holiday")
router.register("time-limits", reference.DeadlineRuleViewSet, basename="time-limit")
router.register("ratings", ratings.RatingViewSet, basename="rating")
router.register("follow-ups", ratings.FollowUpViewSet, basename="follow-up")
router.register("guides", guides.GuideViewSet, basename="guide")
urlpatterns = [path("coverage/", coverage.CoverageView.as_view(), name="window-coverage"), *router.urls]
