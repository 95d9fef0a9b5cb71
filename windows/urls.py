from django.urls import path

from .views import appointments, cases, coverage, dashboard, public, ratings, receipts, reference, windows

app_name = "windows"

CASE = "cases/<str:number>/"

urlpatterns = [
    path("", cases.index, name="index"),
    path("intake/", cases.intake, name="intake"),
    path("intake/id-check/", cases.id_check, name="id_check"),
    path("mine/", cases.my_cases, name="my_cases"),
    path("queue/", cases.queue, name="queue"),
    path(CASE, cases.case_detail, name="case_detail"),
    path(CASE + "reveal/", cases.case_reveal, name="case_reveal"),
    path(CASE + "attachments/", cases.case_attach, name="case_attach"),
    path(CASE + "attachments/<int:pk>/", cases.attachment_download, name="attachment_download"),
    path(CASE + "receipt/", receipts.receipt, name="receipt"),
    path(CASE + "notices/new/", receipts.notice_new, name="notice_new"),
    path(CASE + "notices/<int:pk>/", receipts.notice_print, name="notice_print"),
    path(CASE + "rate/", ratings.rate_at_window, name="rate_at_window"),
    path(CASE + "<str:action>/", cases.case_step, name="case_step"),
    path("windows/", windows.window_list, name="window_list"),
    path("windows/new/", windows.window_edit, name="window_create"),
    path("windows/<int:pk>/", windows.window_detail, name="window_detail"),
    path("windows/<int:pk>/edit/", windows.window_edit, name="window_edit"),
    path("windows/<int:pk>/calendar/", appointments.calendar, name="calendar"),
    path("windows/<int:pk>/slots/", appointments.slot_publish, name="slot_publish"),
    path("slots/<int:pk>/book/", appointments.slot_book, name="slot_book"),
    path("appointments/<int:pk>/<str:action>/", appointments.appointment_action, name="appointment_action"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("coverage/", coverage.coverage, name="coverage"),
    path("status/", public.status, name="public_status"),
    path("holidays/", reference.holidays, name="holidays"),
    path("holidays/new/", reference.holiday_save, name="holiday_create"),
    path("holidays/<int:pk>/", reference.holiday_save, name="holiday_edit"),
    path("holidays/<int:pk>/delete/", reference.holiday_delete, name="holiday_delete"),
    path("time-limits/", reference.time_limits, name="time_limits"),
    path("routing/", reference.routing_rules, name="routing_rules"),
    path("routing/save/", reference.routing_rule_save, name="routing_rule_save"),
    path("time-limits/save/", reference.time_limit_save, name="time_limit_save"),
    path("time-limits/<int:pk>/delete/", reference.time_limit_delete, name="time_limit_delete"),
    path("status/rate/", public.rate, name="public_rate"),
    path("ratings/", ratings.ratings, name="ratings"),
    path("follow-ups/<int:pk>/", ratings.follow_up_detail, name="follow_up_detail"),
    path("follow-ups/<int:pk>/<str:action>/", ratings.follow_up_step, name="follow_up_step"),
]
