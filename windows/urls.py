from django.urls import path

from . import dashboard, public, views, window_views

app_name = "windows"

CASE = "cases/<str:number>/"

urlpatterns = [
    path("", views.index, name="index"),
    path("intake/", views.intake, name="intake"),
    path("intake/id-check/", views.id_check, name="id_check"),
    path("mine/", views.my_cases, name="my_cases"),
    path("queue/", views.queue, name="queue"),
    path(CASE, views.case_detail, name="case_detail"),
    path(CASE + "reveal/", views.case_reveal, name="case_reveal"),
    path(CASE + "attachments/", views.case_attach, name="case_attach"),
    path(CASE + "attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path(CASE + "<str:action>/", views.case_step, name="case_step"),
    path("windows/", window_views.window_list, name="window_list"),
    path("windows/new/", window_views.window_edit, name="window_create"),
    path("windows/<int:pk>/", window_views.window_detail, name="window_detail"),
    path("windows/<int:pk>/edit/", window_views.window_edit, name="window_edit"),
    path("windows/<int:pk>/calendar/", window_views.calendar, name="calendar"),
    path("windows/<int:pk>/slots/", window_views.slot_publish, name="slot_publish"),
    path("slots/<int:pk>/book/", window_views.slot_book, name="slot_book"),
    path("appointments/<int:pk>/<str:action>/", window_views.appointment_action, name="appointment_action"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("status/", public.status, name="public_status"),
]
