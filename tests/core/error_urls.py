"""The site's URLs plus three views that fail on purpose, for tests/core/test_error_pages.py."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from config.urls import handler403, handler404, handler500, urlpatterns  # noqa: F401 - the handlers under test


def refuse(request):
    raise PermissionDenied("您在该区域没有此操作的权限")


def crash(request):
    raise RuntimeError("a bug")


urlpatterns = [
    path("test-errors/refuse/", refuse),
    path("test-errors/crash/", crash),
    path("api/v1/test-errors/crash/", crash),
    *urlpatterns,
]
