from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/new/", views.plan_create, name="plan-create"),
    path("plans/<int:pk>/items/", views.planned_training_add, name="planned-add"),
    path("plans/<int:pk>/sessions/new/", views.session_create, name="session-create"),
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/<int:pk>/", views.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path("sessions/<int:pk>/complete/", views.session_complete, name="session-complete"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session-cancel"),
]
