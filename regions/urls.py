from django.urls import path, re_path

from . import audit_views, views

app_name = "regions"
urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notification_mark_read, name="notifications-read"),
    path("pick/", views.region_pick, name="pick"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
    path("audit/", audit_views.audit_list, name="audit"),
    path("audit/export.xlsx", audit_views.audit_export, name="audit-export"),
    path("audit/check/", audit_views.audit_check, name="audit-check"),
    re_path(r"^(?P<code>[0-9]{2,12})/$", views.region_detail, name="detail"),
]
