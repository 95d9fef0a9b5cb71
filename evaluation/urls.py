from __future__ import annotations

from django.urls import path

from .views import evaluations, public, results, surveys, templates

app_name = "evaluation"
urlpatterns = [
    path("", evaluations.index, name="index"),
    path("new/", evaluations.create, name="create"),
    path("<int:pk>/", evaluations.detail, name="detail"),
    path("<int:pk>/evaluator/", evaluations.evaluator, name="evaluator"),
    path("<int:pk>/scores/<str:party>/", evaluations.scores, name="scores"),
    path("<int:pk>/publish/", evaluations.publish, name="publish"),
    path("<int:pk>/sanction/", evaluations.sanction, name="sanction"),
    path("<int:pk>/rectification/", evaluations.rectification, name="rectification"),
    path("<int:pk>/survey/", surveys.survey_entry, name="survey-entry"),
    path("<int:pk>/survey/settings/", surveys.survey_settings, name="survey-settings"),
    path("<int:pk>/survey/invitations/", surveys.invitations, name="survey-invitations"),
    path("<int:pk>/results/", results.results, name="results"),
    path("templates/", templates.template_list, name="templates"),
    path("templates/new/", templates.template_create, name="template-create"),
    path("templates/<int:pk>/", templates.template_detail, name="template-detail"),
    # public (no login)
    path("public/", public.public_list, name="public"),
    path("public/<int:pk>/", public.public_detail, name="public-detail"),
    path("s/", public.survey_public, name="survey-public"),
    path("s/thanks/", public.survey_thanks, name="survey-thanks"),
    path("s/<str:code>/", public.survey_answer, name="survey-answer"),
]
