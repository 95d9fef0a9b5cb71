from __future__ import annotations

from django.urls import path

from . import public_views, views

app_name = "evaluation"
urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/evaluator/", views.evaluator, name="evaluator"),
    path("<int:pk>/scores/<str:party>/", views.scores, name="scores"),
    path("<int:pk>/publish/", views.publish, name="publish"),
    path("<int:pk>/sanction/", views.sanction, name="sanction"),
    path("<int:pk>/rectification/", views.rectification, name="rectification"),
    path("<int:pk>/survey/", views.survey_entry, name="survey-entry"),
    path("<int:pk>/survey/settings/", views.survey_settings, name="survey-settings"),
    path("<int:pk>/survey/invitations/", views.invitations, name="survey-invitations"),
    path("<int:pk>/results/", views.results, name="results"),
    path("templates/", views.template_list, name="templates"),
    path("templates/new/", views.template_create, name="template-create"),
    path("templates/<int:pk>/", views.template_detail, name="template-detail"),
    # public (no login)
    path("public/", public_views.public_list, name="public"),
    path("public/<int:pk>/", public_views.public_detail, name="public-detail"),
    path("s/", public_views.survey_public, name="survey-public"),
    path("s/thanks/", public_views.survey_thanks, name="survey-thanks"),
    path("s/<str:code>/", public_views.survey_answer, name="survey-answer"),
]
