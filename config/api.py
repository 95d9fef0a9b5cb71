"""The one /api/v1/ router: each app's `api/urls.py` is mounted at /api/v1/<app>/."""

from __future__ import annotations

from django.urls import include, path

from config.apps import DOMAIN_APPS, has_module

urlpatterns = [
    path(f"{app}/", include(f"{app}.api.urls")) for app in DOMAIN_APPS if has_module(f"{app}.api.urls")
]
