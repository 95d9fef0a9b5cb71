from django.urls import path

from .views import own, users

app_name = "accounts"

urlpatterns = [
    path("users/", users.index, name="index"),
    path("users/new/", users.user_create, name="user_create"),
    path("users/<int:pk>/", users.user_detail, name="user_detail"),
    path("users/<int:pk>/grants/", users.grant_add, name="grant_add"),
    path("users/<int:pk>/grants/revoke/", users.grant_revoke, name="grant_revoke"),
    path("users/<int:pk>/password-reset/", users.password_reset, name="password_reset"),
    path("users/<int:pk>/deactivate/", users.deactivate, name="deactivate"),
    path("users/<int:pk>/reactivate/", users.reactivate, name="reactivate"),
    path("users/<int:pk>/2fa-reset/", users.otp_reset, name="otp_reset"),
    path("me/", own.me, name="me"),
    path("me/logout-all/", own.logout_everywhere, name="logout_everywhere"),
    path("password/", own.password_change, name="password_change"),
]
