from __future__ import annotations

from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("templates", views.TemplateViewSet, basename="evaluation-template")
router.register("evaluations", views.EvaluationViewSet, basename="evaluation")
router.register("surveys", views.SurveyViewSet, basename="evaluation-survey")
urlpatterns = router.urls
