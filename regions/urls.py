from django.urls import path, re_path

from . import views

app_name = "regions"
urlpatterns = [
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/read/", views.notification_mark_read, name="notifications-read"),
    path("pick/", views.region_pick, name="pick"),
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token-revoke"),
    re_path(r"^(?P<code>[0-9]{2,12})/$", views.region_detail, name="detail"),
]
