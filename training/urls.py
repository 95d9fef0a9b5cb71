from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/new/", views.plan_create, name="plan-create"),
    path("plans/<int:pk>/items/", views.planned_training_add, name="planned-add"),
    path("plans/<int:pk>/finalise/", views.plan_finalise, name="plan-finalise"),
    path("planned/<int:pk>/delete/", views.planned_training_delete, name="planned-delete"),
    path("plans/<int:pk>/sessions/new/", views.session_create, name="session-create"),
    path("sessions/", views.session_list, name="sessions"),
    path("sessions/<int:pk>/", views.session_attendance, name="session"),
    path("sessions/<int:pk>/edit/", views.session_edit, name="session-edit"),
    path("sessions/<int:pk>/complete/", views.session_complete, name="session-complete"),
    path("sessions/<int:pk>/cancel/", views.session_cancel, name="session-cancel"),
    path("sessions/<int:pk>/attendance/", views.attendance_add, name="attendance-add"),
    path("sessions/<int:pk>/attendance/upload/", views.attendance_upload, name="attendance-upload"),
    path("sessions/<int:pk>/attendance.xlsx", views.attendance_export, name="attendance-export"),
    path("sessions/<int:pk>/invitations/", views.invitation_add, name="invitation-add"),
    path("attendance/<int:pk>/edit/", views.attendance_edit, name="attendance-edit"),
    path("attendance/<int:pk>/delete/", views.attendance_delete, name="attendance-delete"),
    path("certificates/<str:code>/", views.certificate_print, name="certificate"),
    path("compliance/", views.compliance_dashboard, name="compliance"),
    path("compliance/export.xlsx", views.compliance_export, name="compliance-export"),
    path("missing/", views.missing_list, name="missing"),
    path("workers/", views.worker_list, name="workers"),
    path("workers/<int:pk>/", views.worker_record, name="worker"),
    path("workers/<int:pk>/prior/", views.prior_training_add, name="prior-add"),
    path("sign-in/", views.sign_in, name="sign-in"),
    path("verify/", views.verify, name="verify"),
]
