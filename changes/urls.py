from __future__ import annotations

from django.urls import path

from .views import webhooks

app_name = "changes"

urlpatterns = [
    path("webhooks/", webhooks.webhook_list, name="webhooks"),
    path("webhooks/<int:pk>/", webhooks.webhook_detail, name="webhook"),
    path("deliveries/<int:pk>/resend/", webhooks.delivery_resend, name="delivery_resend"),
]
