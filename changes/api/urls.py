"""`/api/v1/changes/`: the feed at the root, the webhooks and their delivery log below it."""

from __future__ import annotations

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("webhooks", views.WebhookViewSet, basename="changes-webhook")
router.register("deliveries", views.DeliveryViewSet, basename="changes-delivery")

urlpatterns = [path("", views.ChangeFeedView.as_view(), name="changes-feed"), *router.urls]
